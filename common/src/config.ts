// The product's configuration: one schema, validated once at start-up, then passed down.
// Precedence (highest first): command-line flags given to a bin script → environment variables →
// the defaults below. Every variable is listed in .env.example.
import path from 'node:path';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const configSchema = z.object({
  /** Where the embedded warehouse (chDB) and other local state live. */
  dataDir: z.string().default('.data'),
  /** A ClickHouse server (http://host:8123). Unset = embedded chDB under dataDir. */
  clickhouseUrl: z.url().optional(),
  clickhouseUser: z.string().default('default'),
  clickhousePassword: z.string().default(''),
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  logLevel: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Extra working-day calendar rows (CSV files) an operator adds without a release. */
  calendarDir: z.string().optional(),
  /** The business "today" (Asia/Ho_Chi_Minh). Unset = the real date; set only to replay a past day. */
  today: isoDate.optional(),
  simulation: z.object({
    seed: z.coerce.number().int().default(222),
    scale: z.coerce.number().positive().default(0.003),
    until: isoDate.optional(),
  }).default({ seed: 222, scale: 0.003 }),
});

export type AppConfig = z.infer<typeof configSchema>;

/** Environment variable → config path. */
const envNames = {
  DATA_DIR: 'dataDir',
  CLICKHOUSE_URL: 'clickhouseUrl',
  CLICKHOUSE_USER: 'clickhouseUser',
  CLICKHOUSE_PASSWORD: 'clickhousePassword',
  HOST: 'host',
  PORT: 'port',
  LOG_LEVEL: 'logLevel',
  CALENDAR_DIR: 'calendarDir',
  BUSINESS_TODAY: 'today',
} as const;

const simulationEnvNames = { SIM_SEED: 'seed', SIM_SCALE: 'scale', SIM_UNTIL: 'until' } as const;

export type ConfigOverrides = Partial<Omit<AppConfig, 'simulation'>> & { simulation?: Partial<AppConfig['simulation']> };

export function loadConfig(overrides: ConfigOverrides = {}, env: Record<string, string | undefined> = process.env): AppConfig {
  const fromEnv: Record<string, unknown> = {};
  for (const [envName, key] of Object.entries(envNames)) {
    const value = env[envName];
    if (value !== undefined && value !== '') fromEnv[key] = value;
  }
  const simulation: Record<string, unknown> = {};
  for (const [envName, key] of Object.entries(simulationEnvNames)) {
    const value = env[envName];
    if (value !== undefined && value !== '') simulation[key] = value;
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const simOverrides = Object.fromEntries(Object.entries(overrides.simulation ?? {}).filter(([, v]) => v !== undefined));
  const parsed = configSchema.safeParse({ ...fromEnv, ...defined, simulation: { ...simulation, ...simOverrides } });
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

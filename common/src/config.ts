// The product's configuration: one schema, validated once at start-up, then passed down.
// Precedence (highest first): command-line flags given to a bin script → environment variables →
// the defaults below. Every variable is listed in .env.example.
import path from 'node:path';
import { z } from 'zod';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
/** A list given as "a,b,c" in the environment. */
const commaList = <T extends z.ZodType>(item: T) =>
  z.preprocess((value) => (typeof value === 'string' ? value.split(',').map((part) => part.trim()).filter(Boolean) : value), z.array(item).min(1));

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
  /**
   * How often the ingest service builds every model from scratch into a shadow database and compares
   * it with the incremental tables, repairing a difference (transform/src/verify.ts); 0 = never.
   */
  modelsVerifyEveryHours: z.coerce.number().min(0).default(24),
  /** The portal's public address, for the links in alerts and digests (none without it in alerts; http://host:port in digests). */
  portalUrl: z.url().optional(),
  /** The business "today" (Asia/Ho_Chi_Minh). Unset = the real date; set only to replay a past day. */
  today: isoDate.optional(),
  simulation: z.object({
    seed: z.coerce.number().int().default(222),
    scale: z.coerce.number().positive().default(0.003),
    until: isoDate.optional(),
  }).default({ seed: 222, scale: 0.003 }),
  /** The periodic reports made after each statutory cut-off (shared/spec/reports.md). */
  reports: z.object({
    schedule: z.enum(['on', 'off']).default('on'),
    /** Agency codes whose subtree gets a report each period; the city by default. */
    scopes: commaList(z.string().min(1)).default(['000.00.00.H26']),
    views: commaList(z.enum(['as_was', 'as_is'])).default(['as_was']),
    formats: commaList(z.enum(['xlsx', 'pdf'])).default(['xlsx', 'pdf']),
    periods: commaList(z.enum(['monthly', 'quarterly', 'half', 'yearly'])).default(['monthly', 'quarterly', 'half', 'yearly']),
    /** How often the scheduler looks for a closed period without its report. */
    everyMinutes: z.coerce.number().positive().default(15),
  }).prefault({}),
  /** Threshold alerts for the IOC (api/src/alerts): recorded always, sent when a webhook is set. */
  alerts: z.object({
    /** Where each alert is POSTed, signed with HMAC-SHA256 of the body under webhookSecret. */
    webhookUrl: z.url().optional(),
    webhookSecret: z.string().min(16, 'at least 16 characters').optional(),
    /** An agency alerts when its open overdue documents (its own register, today) reach this many. */
    overdueThreshold: z.coerce.number().int().positive().default(100),
    /** The data alerts when data_as_of is older than this many seconds. */
    dataAgeSeconds: z.coerce.number().positive().default(900),
    everySeconds: z.coerce.number().positive().default(60),
    maxAttempts: z.coerce.number().int().min(1).max(30).default(8),
    retryBaseMs: z.coerce.number().int().positive().default(2000),
  }).prefault({}).refine((alerts) => !alerts.webhookUrl || alerts.webhookSecret, { message: 'ALERT_WEBHOOK_SECRET is required with ALERT_WEBHOOK_URL', path: ['webhookSecret'] }),
  /** The daily digest by e-mail (api/src/digest): sent when an SMTP server is set. */
  digest: z.object({
    /** smtp://host:port (STARTTLS when offered) or smtps://user:password@host:465. Unset = no digest. */
    smtpUrl: z.url().optional(),
    /** The sender, as the message shows it. */
    from: z.string().min(3).default('Theo dõi văn bản Hà Nội <vanban@localhost>'),
    /** The time of day (Asia/Ho_Chi_Minh) from which each working day's digest goes out. */
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM').default('07:30'),
    everySeconds: z.coerce.number().positive().default(60),
    maxAttempts: z.coerce.number().int().min(1).max(30).default(6),
    /** The first retry of a failed message waits this long, each next one twice as long. */
    retryBaseSeconds: z.coerce.number().positive().default(120),
    /** A replica's claim on a message expires after this long without an outcome (a crash). */
    leaseSeconds: z.coerce.number().positive().default(600),
    /** Documents listed in each section of a message (the counts are always whole). */
    documentsPerList: z.coerce.number().int().min(1).max(200).default(10),
  }).prefault({}),
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
  MODELS_VERIFY_EVERY_HOURS: 'modelsVerifyEveryHours',
  BUSINESS_TODAY: 'today',
  PORTAL_URL: 'portalUrl',
} as const;

/** Environment variables of the nested groups. */
const simulationEnvNames = { SIM_SEED: 'seed', SIM_SCALE: 'scale', SIM_UNTIL: 'until' } as const;
const reportsEnvNames = {
  REPORT_SCHEDULE: 'schedule', REPORT_SCOPES: 'scopes', REPORT_VIEWS: 'views', REPORT_FORMATS: 'formats', REPORT_PERIODS: 'periods', REPORT_EVERY_MINUTES: 'everyMinutes',
} as const;
const alertsEnvNames = {
  ALERT_WEBHOOK_URL: 'webhookUrl', ALERT_WEBHOOK_SECRET: 'webhookSecret', ALERT_OVERDUE_THRESHOLD: 'overdueThreshold',
  ALERT_DATA_AGE_SECONDS: 'dataAgeSeconds', ALERT_EVERY_SECONDS: 'everySeconds', ALERT_MAX_ATTEMPTS: 'maxAttempts',
  ALERT_RETRY_BASE_MS: 'retryBaseMs',
} as const;
const digestEnvNames = {
  DIGEST_SMTP_URL: 'smtpUrl', DIGEST_FROM: 'from', DIGEST_AT: 'at', DIGEST_EVERY_SECONDS: 'everySeconds', DIGEST_MAX_ATTEMPTS: 'maxAttempts',
  DIGEST_RETRY_BASE_SECONDS: 'retryBaseSeconds', DIGEST_LEASE_SECONDS: 'leaseSeconds', DIGEST_DOCUMENTS: 'documentsPerList',
} as const;

export type ConfigOverrides = Partial<Omit<AppConfig, 'simulation' | 'reports' | 'alerts' | 'digest'>> & { simulation?: Partial<AppConfig['simulation']> };

/** The settings the environment gives under these names (variable → key); unset or empty means not given. */
function fromEnvironment(names: Record<string, string>, env: Record<string, string | undefined>): Record<string, unknown> {
  const given: Record<string, unknown> = {};
  for (const [envName, key] of Object.entries(names)) {
    const value = env[envName];
    if (value !== undefined && value !== '') given[key] = value;
  }
  return given;
}

export function loadConfig(overrides: ConfigOverrides = {}, env: Record<string, string | undefined> = process.env): AppConfig {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const simOverrides = Object.fromEntries(Object.entries(overrides.simulation ?? {}).filter(([, v]) => v !== undefined));
  const parsed = configSchema.safeParse({
    ...fromEnvironment(envNames, env), ...defined,
    simulation: { ...fromEnvironment(simulationEnvNames, env), ...simOverrides },
    reports: fromEnvironment(reportsEnvNames, env),
    alerts: fromEnvironment(alertsEnvNames, env),
    digest: fromEnvironment(digestEnvNames, env),
  });
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  }
  return { ...parsed.data, dataDir: path.resolve(parsed.data.dataDir) };
}

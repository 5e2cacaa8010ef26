// Starts a throwaway Kafka + Kafka Connect (with Debezium) through infra/kafka/start.sh, on free
// ports and in a temporary directory, for integration tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connectorStatus, registerConnector } from '@vanban/ingest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version']).status === 0 && spawnSync('mvn', ['-v']).status === 0;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Three consecutive free ports in a block chosen by the process id: test files run in parallel
 * processes, and ports picked at random by the OS can be handed to two of them in a row, after which
 * one Kafka fails to bind while the other answers in its place.
 */
async function portBlock(): Promise<[number, number, number]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + ((process.pid + attempt * 7) % 3_000) * 4; // below the ephemeral range (32768+)
    const ports = [base, base + 1, base + 2] as const;
    if ((await Promise.all(ports.map(portIsFree))).every(Boolean)) return [...ports];
  }
  throw new Error('no free block of ports for Kafka and Connect');
}

export interface RunningCdc {
  bootstrap: string;
  connectUrl: string;
  dir: string;
  /** Stops one process and starts it again (start.sh only starts what is not running). */
  restart(name: 'kafka' | 'connect'): void;
  stop(): Promise<void>;
}

export async function startCdc(): Promise<RunningCdc> {
  const dir = mkdtempSync(path.join(tmpdir(), 'cdc-'));
  const [kafkaPort, controllerPort, connectPort] = await portBlock();
  const env = { ...process.env, CDC_DIR: dir, KAFKA_PORT: String(kafkaPort), CONTROLLER_PORT: String(controllerPort), CONNECT_PORT: String(connectPort) };
  execFileSync('bash', [path.join(root, 'infra', 'kafka', 'start.sh')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  return {
    bootstrap: `127.0.0.1:${env.KAFKA_PORT}`,
    connectUrl: `http://127.0.0.1:${env.CONNECT_PORT}`,
    dir,
    restart(name) {
      execFileSync('bash', [path.join(root, 'infra', 'kafka', 'stop.sh'), name], { env, stdio: 'ignore' });
      execFileSync('bash', [path.join(root, 'infra', 'kafka', 'start.sh')], { env, stdio: 'ignore' });
    },
    async stop() {
      try {
        execFileSync('bash', [path.join(root, 'infra', 'kafka', 'stop.sh')], { env, stdio: 'ignore' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** Polls `check` every `intervalMs` (half a second unless told) until it holds, or fails naming what was awaited. */
export async function waitFor(what: string, timeoutMs: number, check: () => boolean | Promise<boolean>, intervalMs = 500): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Registers infra/kafka/debezium-eoffice.json against a test PostgreSQL and waits until its task runs. */
export async function registerAndWait(cdc: RunningCdc, postgresPort: number, overrides: Record<string, string> = {}): Promise<void> {
  await registerConnector(cdc.connectUrl, {
    PGHOST: '127.0.0.1', PGPORT: String(postgresPort), PGUSER: 'postgres', PGPASSWORD: '', PGDATABASE: 'eoffice', KAFKA_BOOTSTRAP: cdc.bootstrap,
  }, overrides);
  await waitFor('the connector to run', 60_000, async () => (await connectorStatus(cdc.connectUrl))?.tasks[0]?.state === 'RUNNING');
}

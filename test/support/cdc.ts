// Starts a throwaway Kafka + Kafka Connect (with Debezium) through infra/kafka/start.sh, on free
// ports and in a temporary directory, for integration tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function javaAvailable(): boolean {
  return spawnSync('java', ['-version']).status === 0 && spawnSync('mvn', ['-v']).status === 0;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
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
  const env = {
    ...process.env,
    CDC_DIR: dir,
    KAFKA_PORT: String(await freePort()),
    CONTROLLER_PORT: String(await freePort()),
    CONNECT_PORT: String(await freePort()),
  };
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

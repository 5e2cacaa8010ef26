// `npm run serve` in a child process, as deployed: for tests that must see the server on its own
// (its event loop not shared with the test's clients and providers).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServedApi {
  /** http://127.0.0.1:<port> */
  address: string;
  stop(): Promise<void>;
}

/** Starts bin/serve.ts with these arguments and environment; resolves once it listens. */
export function serveApi(args: string[], env: Record<string, string>): Promise<ServedApi> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'serve.ts'), ...args], {
    cwd: root, env: { ...process.env, HOST: '127.0.0.1', REPORT_SCHEDULE: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const listening = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (!match) return;
      child.stdout.off('data', listening);
      resolve({
        address: match[1]!,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
        },
      });
    };
    child.stdout.on('data', listening);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`serve exited (${code}) before listening:\n${output}`)));
  });
}

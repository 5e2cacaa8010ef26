// Entry of every worker thread of the project (worker-thread.ts). Run from source, the worker's module
// is TypeScript, and a worker thread does not reliably inherit the parent's tsx loader, so this plain
// module registers it first; run compiled, it loads the .js beside the .ts it was given.
import { existsSync } from 'node:fs';
import { workerData } from 'node:worker_threads';

const source = new URL(workerData.module);
const compiled = new URL(source.href.replace(/\.ts$/, '.js'));
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
}

// Worker threads that run a module of the project, from source (TypeScript through tsx) or compiled.
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const entry = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));

/** A worker thread running `module`: a .ts file, e.g. `new URL('./decode-worker.ts', import.meta.url)`. */
export function startWorker(module: URL): Worker {
  return new Worker(entry, { workerData: { module: module.href } });
}

// Entry of the workbook worker thread. Run from source, the worker module is TypeScript, and a worker
// thread does not reliably inherit the parent's tsx loader, so this plain module registers it first.
import { existsSync } from 'node:fs';

const compiled = new URL('./xlsx-worker.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('./xlsx-worker.ts', import.meta.url).href);
}

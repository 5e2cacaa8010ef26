// `npm test`: typecheck, then every *.test.ts with node's test runner, then one plain summary line.
// `npm test -- <substring>` runs only the test files whose path contains it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const folders = ['common', 'ingest', 'transform', 'api', 'dashboard', 'test', 'bin'];
const skipped = new Set(['node_modules', '.next', '.data', 'dist']);

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTests(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function typecheck(project: string): void {
  if (!existsSync(path.join(root, project))) return;
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project, '--noEmit'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`typecheck of ${project} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  console.error(`typecheck ${project}: ok (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const filters = process.argv.slice(2);
if (filters.length === 0) {
  typecheck('tsconfig.json');
  typecheck('dashboard/tsconfig.json');
}
const files = folders.flatMap((f) => findTests(path.join(root, f)))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
// The reporter's summary lines ("ℹ pass 42"), kept as they stream by: on failure the details of the
// failing tests come after them, so the end of the output alone would not hold them.
const summary = new Map<string, number>();
let partial = '';
child.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk);
  const lines = (partial + chunk.toString()).split('\n');
  partial = lines.pop() ?? '';
  for (const line of lines) {
    const match = /^ℹ (pass|fail|cancelled|skipped) (\d+)$/.exec(line.trim());
    if (match) summary.set(match[1]!, Number(match[2]));
  }
});
child.on('exit', (code) => {
  const count = (name: string) => summary.get(name) ?? 0;
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skippedCount = count('skipped');
  console.log(`${passed} passed, ${failed} failed${skippedCount ? `, ${skippedCount} skipped` : ''}`);
  process.exit(code ?? 1);
});

// `npm test`: typecheck, then every *.test.ts with node's test runner, then one plain summary line.
// `npm test -- <substring>` runs only the test files whose path contains it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const folders = ['common', 'ingest', 'transform', 'api', 'dashboard', 'test', 'bin'];
const skipped = new Set(['node_modules', '.next', '.data', 'dist']);
const skippedPrefix = '.next-'; // PORTAL_DIST_DIR builds (dashboard/host/portal-host.ts)

function findTests(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skipped.has(entry.name) || entry.name.startsWith(skippedPrefix)) return [];
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
// Files named *.alone.test.ts measure the server's responsiveness under load they make themselves
// (a health probe timed to the millisecond): another suite beside them on two cores would measure
// that suite instead. They run after the rest, one at a time.
const alone = files.filter((file) => file.includes('.alone.'));
const together = files.filter((file) => !file.includes('.alone.'));

// The reporter's summary lines ("ℹ pass 42"), kept as they stream by and added up over the phases:
// on failure the details of the failing tests come after them, so the end of the output alone would
// not hold them.
const summary = new Map<string, number>();

function runPhase(phaseFiles: string[], concurrency: number): Promise<number> {
  if (phaseFiles.length === 0) return Promise.resolve(0);
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...phaseFiles], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const match = /^ℹ (pass|fail|cancelled|skipped) (\d+)$/.exec(line.trim());
      if (match) summary.set(match[1]!, (summary.get(match[1]!) ?? 0) + Number(match[2]));
    }
  });
  return new Promise((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
}

const codes = [await runPhase(together, 2), await runPhase(alone, 1)];
const count = (name: string) => summary.get(name) ?? 0;
const passed = count('pass');
const failed = count('fail') + count('cancelled');
const skippedCount = count('skipped');
console.log(`${passed} passed, ${failed} failed${skippedCount ? `, ${skippedCount} skipped` : ''}`);
process.exit(codes.find((code) => code !== 0) ?? 0);

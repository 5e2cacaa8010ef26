// `npm run report` as the operator runs it: a period that has not begun is refused with a clear
// message and a failing exit code, and nothing is written.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'report-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the report command refuses a period that starts after today, with an exit code and a sentence', { timeout: 120_000 }, () => {
  const out = path.join(dir, 'future.xlsx');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'report.ts'),
    '--period', 'monthly', '--at', '2025-11-01', '--scope', '000.00.00.H26', '--format', 'xlsx', '--out', out, '--data-dir', path.join(dir, 'warehouse')], {
    cwd: root, encoding: 'utf8', env: { ...process.env, BUSINESS_TODAY: '2025-09-30' },
  });
  assert.notEqual(run.status, 0, 'a failing exit code');
  assert.match(run.stderr, /starts after today \(2025-09-30\): there is nothing to report yet/);
  assert.doesNotMatch(run.stderr, /\n\s+at .+\.ts:\d+/, 'no stack trace');
  assert.equal(existsSync(out), false, 'no file written');
});

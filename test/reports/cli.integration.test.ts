// `npm run report` as the operator runs it: a period that has not begun, or that ends before the
// warehouse's first data, is refused with a clear message and a failing exit code, and nothing is
// written; the current period is made, marked provisional (tạm tính).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { closeWarehouse } from '@vanban/common';
import { simulatedWarehouse } from '../support/warehouse.js';

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

test('the report command refuses a period before the first data, and marks the current one provisional', { timeout: 300_000 }, async () => {
  // A warehouse of its own, closed before the command opens it (an embedded warehouse has one process).
  const simulated = await simulatedWarehouse('report-cli', { seed: 26, scale: 0.0005, until: '2025-09-30' });
  await closeWarehouse(simulated.warehouse);
  const report = (at: string, out: string) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'report.ts'),
    '--period', 'monthly', '--at', at, '--scope', '000.00.00.H26', '--format', 'xlsx', '--out', out, '--data-dir', simulated.dataDir], {
    cwd: root, encoding: 'utf8', env: { ...process.env, BUSINESS_TODAY: '2025-09-30' },
  });
  try {
    const early = report('2021-06-01', path.join(dir, 'early.xlsx'));
    assert.notEqual(early.status, 0);
    assert.match(early.stderr, /ends before the warehouse's first data \(\d{4}-\d{2}-\d{2}\)/);
    assert.equal(existsSync(path.join(dir, 'early.xlsx')), false);

    const out = path.join(dir, 'current.xlsx');
    const current = report('2025-09-30', out);
    assert.equal(current.status, 0, current.stderr);
    const workbook = new ExcelJS.Workbook();
    const bytes = readFileSync(out);
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    assert.match(String(workbook.worksheets[0]!.getCell('A1').value), /\(TẠM TÍNH\)$/, 'the current month (15/09–14/10/2025) is provisional');
  } finally {
    rmSync(simulated.dataDir, { recursive: true, force: true });
  }
});

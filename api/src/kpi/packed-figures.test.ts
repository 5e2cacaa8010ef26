// The API names the packed positions by the lists of dbt/macros/figures.sql: a list reordered there
// must move the figures here with it, and the histogram keys must decode to their values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { unpackOpenStock, unpackPeriod } from './packed-figures.js';

const macros = readFileSync(new URL('../../../dbt/macros/figures.sql', import.meta.url), 'utf8');
const listed = (macro: string) => macros.split(`macro ${macro}()`)[1]!.split('[')[1]!.split(']')[0]!.split(',').map((name) => name.trim());

test('each figure is read at the position its dbt list gives it', () => {
  const counts = listed('packed_counts');
  // Position i holds 100 + i: every figure comes out with its own position's value.
  const row = unpackPeriod({ counts: counts.map((_, i) => 100 + i), histograms: [[], []] }, '2025-12-31');
  assert.equal(row.received, 100 + counts.indexOf('received'));
  assert.equal(row.timely_transfers, 100 + counts.indexOf('timely_transfers'));
  assert.equal(row.opened, 100 + counts.indexOf('work_files_opened'), 'the work files opened are the summary\'s `opened`');
  const changes = listed('packed_open_changes');
  const stock = unpackOpenStock(changes.map((_, i) => String(10 + i))); // 64-bit sums may come quoted
  assert.equal(stock.open_total, 10 + changes.indexOf('open_change'));
  assert.equal(stock.open_overdue_over_20, 10 + changes.indexOf('overdue_over_20_change'));
  assert.deepEqual(Object.values(unpackOpenStock(undefined)), [0, 0, 0, 0, 0, 0], 'no open document: zeros');
});

test('histogram keys decode to each histogram\'s values, in order; the cohort counts its completions by A', () => {
  const histograms = listed('packed_histograms');
  const key = (name: string, value: number) => (histograms.indexOf(name) + 1) * 2 ** 32 + 2 ** 31 + value;
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;
  const keys = [
    key('processing_days_histogram', -1), key('processing_days_histogram', 0), key('processing_days_histogram', 7),
    key('cohort_completed_histogram', day('2025-01-10')), key('cohort_completed_histogram', day('2025-01-31')), key('cohort_completed_histogram', day('2025-02-01')),
    key('handling_days_histogram', 3),
  ].sort((a, b) => a - b); // as sumMap returns them
  const documents = keys.map((_, i) => i + 1);
  const row = unpackPeriod({ counts: [], histograms: [keys, documents] }, '2025-01-31');
  const documentsOf = (k: number) => documents[keys.indexOf(k)]!;
  assert.deepEqual(row.processing_days_histogram, [
    [-1, documentsOf(key('processing_days_histogram', -1))], [0, documentsOf(key('processing_days_histogram', 0))], [7, documentsOf(key('processing_days_histogram', 7))],
  ]);
  assert.deepEqual(row.handling_days_histogram, [[3, documentsOf(key('handling_days_histogram', 3))]]);
  assert.deepEqual(row.drafting_days_histogram, []);
  assert.equal(row.cohort_completed,
    documentsOf(key('cohort_completed_histogram', day('2025-01-10'))) + documentsOf(key('cohort_completed_histogram', day('2025-01-31'))),
    'completed on A counts, the day after does not');
  assert.equal(row.received, 0, 'a bucket without rows: empty arrays, zero counts');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { finalRows, foldPeriodRows, type StoredRow } from './period-rows.js';

/** A stored row of one agency: zeros unless given. */
const row = (grain: StoredRow['grain'], day: string, version: string, fields: Partial<StoredRow> = {}): StoredRow => ({
  grain, day, _version: version, _is_deleted: 0, counts: [], histogram_keys: [], histogram_counts: [],
  online_agencies: [], open_stock: [], open_changes: [], ...fields,
});

test('each row as FINAL reads it: the highest version of its key, none when that is a deletion', () => {
  const rows = [
    row('month', '2025-01-01', '1765000000000000001', { counts: [1] }),
    // Versions are nanoseconds: these two differ below a double's precision and still order.
    row('month', '2025-01-01', '1765000000000000002', { counts: [2] }),
    row('day', '2025-01-01', '1765000000000000003', { counts: [5] }),
    row('month', '2025-02-01', '1765000000000000005', { counts: [3] }),
    row('month', '2025-02-01', '1765000000000000009', { _is_deleted: 1 }),
    row('month', '2025-02-01', '1765000000000000007', { counts: [4] }),
  ];
  assert.equal(Number('1765000000000000001'), Number('1765000000000000002'), 'the two versions read as doubles would tie');
  assert.deepEqual(finalRows(rows).map((r) => [r.grain, r.day, r.counts]), [['month', '2025-01-01', [2]], ['day', '2025-01-01', [5]]]);
});

test('a period folds as kpi_period.sql adds it up', () => {
  const rows = [
    row('month', '2025-10-01', '1', {
      counts: ['2', '1'], histogram_keys: ['4294967298', '8589934594'], histogram_counts: ['1', '2'],
      online_agencies: ['55'], open_stock: ['7', '3'], open_changes: ['1', '1'],
    }),
    row('month', '2025-11-01', '1', {
      // 12884901890 sorts before 4294967297 as text: keys are ordered as numbers.
      counts: ['1', '1', '4'], histogram_keys: ['4294967298', '12884901890', '4294967297'], histogram_counts: ['-1', '1', '3'],
      online_agencies: ['55'], open_stock: ['9', '2'], open_changes: ['2', '-1'],
    }),
    row('day', '2025-12-01', '1', { counts: ['1'], open_changes: ['1', '0'] }),
    row('day', '2025-12-02', '1', { counts: ['1'], open_changes: ['-3', '1'] }),
  ];
  assert.deepEqual(foldPeriodRows(rows, 4, '2025-12-02'), {
    grp: 4,
    counts: [5, 2, 4],
    // sumMap: keys in order, one whose documents add up to zero dropped.
    histograms: [[4294967297, 8589934594, 12884901890], [3, 2, 1]],
    online_agencies: [55],
    // The stock at A from the last month that ends by it, plus A's month's days up to A.
    stock_months: 2,
    stock_at_month_end: ['9', '2'],
    stock_days: [-2, 1],
  });
  const before = foldPeriodRows(rows, 4, '2025-11-29')!;
  assert.equal(before.stock_months, 1, 'November has not ended by the 29th');
  assert.deepEqual(before.stock_at_month_end, ['7', '3']);
  assert.deepEqual(before.stock_days, [], 'no day row of November was read');
  assert.equal(foldPeriodRows([], 4, '2025-12-02'), undefined, 'no row read: no group row, as GROUP BY gives none');
});

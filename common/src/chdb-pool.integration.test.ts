// The embedded warehouse answers a short query while a long one runs, as a ClickHouse server does:
// an API request must not wait for a whole model refresh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from './clickhouse.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'chdb-pool-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a short query is answered while a long one runs on the same client', { timeout: 60_000 }, async () => {
  const finished: string[] = [];
  // About 3 s: 30 rows, one per block, 0.1 s each.
  const long = queryRows(warehouse, 'select sleepEachRow(0.1) from numbers(30) settings max_block_size = 1')
    .then(() => finished.push('long'));
  await new Promise((resolve) => setTimeout(resolve, 200));
  const shortAnswers = await Promise.all([1, 2, 3].map((n) => queryRows<{ n: number }>(warehouse, 'select {n:UInt8} as n', { n })
    .then((rows) => { finished.push('short'); return rows[0]!.n; })));
  assert.deepEqual(shortAnswers, [1, 2, 3]);
  await long;
  assert.deepEqual(finished, ['short', 'short', 'short', 'long']);
});

test('more queries than connections at once all get their own answer', { timeout: 60_000 }, async () => {
  const answers = await Promise.all(Array.from({ length: 20 }, (_, n) => queryRows<{ n: string }>(warehouse, `select toString(sum(number) + ${n}) as n from numbers(100000)`)));
  assert.deepEqual(answers.map((rows) => Number(rows[0]!.n)), Array.from({ length: 20 }, (_, n) => 4_999_950_000 + n));
});

test('queries with parameters run at once on several connections, each with its own values', { timeout: 60_000 }, async () => {
  // chdb's own binding would run these one at a time; as SET param_… on each connection they overlap.
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: 12 }, (_, n) => queryRows<{ n: number; day: string; ids: number[] }>(warehouse,
    'select {n:UInt32} + sleepEachRow(0.2) as n, {day:Date32} + {n:UInt32} as day, {ids:Array(Int64)} as ids from numbers(1)',
    { n, day: '2025-01-01', ids: [n, 100 + n] })));
  assert.deepEqual(answers.map((rows) => rows[0]), Array.from({ length: 12 }, (_, n) => ({ n, day: `2025-01-${String(1 + n).padStart(2, '0')}`, ids: [n, 100 + n] })));
  // 12 queries of 0.2 s each: one at a time would take 2.4 s or more, three at a time 0.8 s.
  assert.ok(performance.now() - started < 2_000, `took ${Math.round(performance.now() - started)} ms`);
});

test('a text parameter reaches the query exactly, quotes and backslashes included', { timeout: 60_000 }, async () => {
  for (const text of ["it's", "\\' or 1 = 1; --", 'a\\b\\\\c', 'tab\there\nline', 'Sở Nội vụ ‘”']) {
    const [row] = await queryRows<{ text: string; length: number }>(warehouse, 'select {text:String} as text, lengthUTF8({text:String}) as length', { text });
    assert.deepEqual(row, { text, length: [...text].length });
  }
});

test('a query naming a parameter it was not given is refused, not run with the last value', { timeout: 60_000 }, async () => {
  for (let i = 0; i < 6; i++) await queryRows(warehouse, 'select {left:UInt8} as n', { left: 7 });
  await assert.rejects(queryRows(warehouse, 'select {left:UInt8} as n'), /parameter \{left\} but was not given it/);
});

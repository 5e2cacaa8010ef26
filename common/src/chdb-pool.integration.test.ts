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

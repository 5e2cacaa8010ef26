// The embedded warehouse answers a short query while a long one runs, as a ClickHouse server does:
// an API request must not wait for a whole model refresh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows, TupleParam } from './clickhouse.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'chdb-pool-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

test('a short query is answered while a long one runs on the same client, both with parameters', { timeout: 60_000 }, async () => {
  const finished: string[] = [];
  // About 3 s: 30 rows, one per block, 0.1 s each. chdb would run the two bound one after the other
  // (inline-parameters.ts).
  const long = queryRows(warehouse, 'select sleepEachRow({pause:Float64}) from numbers(30) settings max_block_size = 1', { pause: 0.1 })
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

test('parameters written into the SQL read back as the values given, whatever they hold', { timeout: 60_000 }, async () => {
  const tricky = ["it's", 'back\\slash', "x' or 1 = 1 --", 'line\nbreak\ttab', '*/ select 1 /*', 'Hà Nội ✓', ''];
  for (const s of tricky) {
    const [row] = await queryRows<{ s: string; n: number }>(warehouse, 'select {s:String} as s, length({s:String}) as n -- {s:String}\n', { s });
    assert.deepEqual(row, { s, n: Buffer.byteLength(s) }, JSON.stringify(s));
  }
  const [typed] = await queryRows<Record<string, unknown>>(warehouse,
    `select {d:Date32} as d, {ds:Array(Date32)} as ds, {ids:Array(Int64)} as ids, {none:Nullable(String)} as none,
            {b:Bool} as b, toString({big:UInt64}) as big, {at:DateTime64(3, 'UTC')} as at, {names:Array(String)} as names,
            {empty:Array(Int64)} as empty, toTypeName({d:Date32}) as d_type, dummy from system.{t:Identifier} limit 1`,
    { d: '2025-12-31', ds: ['2025-01-01', '2026-02-28'], ids: [1, -2, 3], none: null, b: true, big: '18446744073709551615',
      at: '2025-06-01 08:30:00.250', names: ["a'b", 'c\\d'], empty: [], t: 'one' });
  assert.deepEqual(typed, {
    d: '2025-12-31', ds: ['2025-01-01', '2026-02-28'], ids: [1, -2, 3], none: null, b: true, big: '18446744073709551615',
    at: '2025-06-01 08:30:00.250', names: ["a'b", 'c\\d'], empty: [], d_type: 'Date32', dummy: 0,
  });
  await assert.rejects(queryRows(warehouse, 'select 1 from system.{t:Identifier}', { t: 'one; drop table x' }), /not a plain identifier/);
});

test('a query whose values would make it longer than ClickHouse takes is sent bound, and answers', { timeout: 60_000 }, async () => {
  const ids = Array.from({ length: 60_000 }, (_, n) => 1_000_000_000 + n);
  // Tuples (a period's keys, periods.ts periodKeys) both ways: bound here, written in below.
  const keys = [new TupleParam(['month', '2025-01-01']), new TupleParam(["it's", '2025-02-03'])];
  const [row] = await queryRows<{ n: number; s: string; k: unknown }>(warehouse,
    'select length({ids:Array(Int64)}) as n, toString(arraySum({ids:Array(Int64)})) as s, {keys:Array(Tuple(String, Date32))} as k', { ids, keys });
  assert.deepEqual(row, { n: 60_000, s: String(ids.reduce((a, b) => a + b, 0)), k: [['month', '2025-01-01'], ["it's", '2025-02-03']] });
  const [inlined] = await queryRows<{ k: unknown }>(warehouse, 'select {keys:Array(Tuple(String, Date32))} as k', { keys });
  assert.deepEqual(inlined, { k: [['month', '2025-01-01'], ["it's", '2025-02-03']] });
});

test('each query reads with its own settings, though a connection is sent only those its session does not hold', { timeout: 60_000 }, async () => {
  // More reads than connections, at once and one after another, alternating the one setting the
  // product changes per query; a connection left at the last query's value would answer wrongly.
  const read = (quoted: boolean) => warehouse.query({
    query: 'select toUInt64(18446744073709551615) as big, getSetting(\'output_format_json_quote_64bit_integers\') as held',
    format: 'JSONEachRow',
    clickhouse_settings: quoted ? { output_format_json_quote_64bit_integers: 1 } : {},
  }).then((result) => result.json<{ big: unknown; held: unknown }>()).then(([row]) => ({ quoted, row }));
  const answers = [
    ...await Promise.all(Array.from({ length: 12 }, (_, n) => read(n % 3 === 0))),
    ...await Promise.all(Array.from({ length: 12 }, (_, n) => read(n % 2 === 0))),
  ];
  for (let n = 0; n < 12; n++) answers.push(await read(n % 4 === 1));
  for (const { quoted, row } of answers) assert.equal(typeof row!.big, quoted ? 'string' : 'number', JSON.stringify({ quoted, row }));
  // A query that fails after its settings were applied leaves the connection in a known state.
  await assert.rejects(warehouse.query({ query: 'select throwIf(1)', clickhouse_settings: { output_format_json_quote_64bit_integers: 1 } }));
  for (let n = 0; n < 6; n++) assert.equal(typeof (await read(false)).row!.big, 'number');
});

test('what a failed query had written is not handed to the next query', { timeout: 60_000 }, async () => {
  // chdb gave the next query on the same connection the failed one's output in front of its own:
  // a JSON header (then a parse error), or rows of another shape (then wrong rows).
  for (const failing of [
    { query: 'select throwIf(1) as x', format: 'JSON' as const },
    { query: 'select throwIf(number = 3) as x from numbers(10) settings max_block_size = 1', format: 'JSONEachRow' as const },
  ]) {
    for (let n = 0; n < 3; n++) {
      await assert.rejects(warehouse.query(failing).then((result) => result.text()), /throwIf|non-zero/);
      // One after another, so the connection given back is the next one lent.
      for (let k = 0; k < 4; k++) assert.equal(await warehouse.query({ query: `select ${k} as k`, format: 'JSONEachRow' }).then((r) => r.text()), `{"k":${k}}\n`);
    }
  }
});

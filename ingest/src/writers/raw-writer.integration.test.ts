// Replays, duplicates, reordering and malformed events against the real engine (chDB):
// the raw tables must end in the same state as the source.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
import { migrateRaw } from '../migrate.js';
import { ingestMessages } from '../pipeline.js';
import { BatchBuilder } from './batch-builder.js';
import { writeBatch } from './raw-writer.js';
import { encodeTransaction, LsnClock } from '../debezium/encode.js';
import type { ChangeMessage } from '../debezium/envelope.js';
import type { SourceRow, SourceTransaction } from '../source-tables.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'raw-writer-'));
const client = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(client);
  rmSync(dataDir, { recursive: true, force: true });
});
await migrateRaw(client);

const staff = (id: number, name: string, active = true): SourceRow => ({
  id, agency_id: 1, unit_id: null, full_name: name, position: 'Chuyên viên', role: 'specialist', active,
  created_at: '2024-01-02T01:00:00.000000Z', updated_at: '2024-01-02T01:00:00.000000Z',
});
const transactions: SourceTransaction[] = [
  { txId: 1, commitTime: '2024-01-02T01:00:00.000000Z', changes: [
    { table: 'staff', op: 'c', before: null, after: staff(1, 'Nguyễn Văn An') },
    { table: 'staff', op: 'c', before: null, after: staff(2, 'Trần Thị Bình') },
    { table: 'staff', op: 'c', before: null, after: staff(3, 'Lê Minh Châu') },
  ] },
  { txId: 2, commitTime: '2024-01-03T01:00:00.000000Z', changes: [
    { table: 'staff', op: 'u', before: staff(1, 'Nguyễn Văn An'), after: staff(1, 'Nguyễn Văn An', false) },
    { table: 'staff', op: 'd', before: staff(3, 'Lê Minh Châu'), after: null },
  ] },
];
const messages: ChangeMessage[] = (() => {
  const lsns = new LsnClock();
  return transactions.flatMap((tx) => encodeTransaction(tx, lsns));
})();

async function currentStaff() {
  return queryRows<{ id: number; full_name: string; active: boolean }>(
    client, 'select id, full_name, active from eoffice_raw.staff final order by id');
}
const expected = [
  { id: 1, full_name: 'Nguyễn Văn An', active: false },
  { id: 2, full_name: 'Trần Thị Bình', active: true },
];

test('applying the stream once gives the source state', async () => {
  const totals = await ingestMessages(client, messages, { source: 'test', batchSize: 2 });
  assert.equal(totals.rows, 5);
  assert.deepEqual(await currentStaff(), expected);
});

test('a full replay, duplicates and reversed delivery change nothing', async () => {
  await ingestMessages(client, messages, { source: 'test' });
  await ingestMessages(client, [...messages, ...messages].reverse(), { source: 'test', batchSize: 3 });
  assert.deepEqual(await currentStaff(), expected);
  await client.command({ query: 'optimize table eoffice_raw.staff final' });
  assert.deepEqual(await currentStaff(), expected);
});

test('a malformed event goes to the dead-letter table and the rest is applied', async () => {
  const lsns = new LsnClock(0x0200_0000);
  const later = encodeTransaction({ txId: 3, commitTime: '2024-01-04T01:00:00.000000Z', changes: [
    { table: 'staff', op: 'c', before: null, after: staff(4, 'Phạm Thu Dung') },
  ] }, lsns);
  const broken: ChangeMessage = { source: 'eoffice.eoffice.staff', position: 'p-broken', key: null, value: '{"op":"c",' };
  const totals = await ingestMessages(client, [broken, ...later], { source: 'test' });
  assert.equal(totals.deadLetters, 1);
  const letters = await queryRows<{ position: string; reason: string; payload: string }>(
    client, "select position, reason, payload from eoffice_raw._dead_letter where position = 'p-broken'");
  assert.deepEqual(letters, [{ position: 'p-broken', reason: 'payload is not valid JSON', payload: '{"op":"c",' }]);
  assert.deepEqual((await currentStaff()).map((s) => s.id), [1, 2, 4]);
  // Delivered again (Kafka after a restart), and twice in one batch: still kept once, like its rows;
  // another event at another position is kept beside it.
  await ingestMessages(client, [broken, ...later], { source: 'test' });
  await ingestMessages(client, [broken, broken, { ...broken, position: 'p-broken-2' }], { source: 'test' });
  const kept = await queryRows<{ position: string }>(client, "select position from eoffice_raw._dead_letter where startsWith(position, 'p-broken') order by position");
  assert.deepEqual(kept.map((letter) => letter.position), ['p-broken', 'p-broken-2']);
});

test('progress records the newest source commit applied', async () => {
  const [row] = await queryRows<{ ts: string }>(client, 'select toString(max(max_source_ts)) as ts from eoffice_raw._ingest_progress');
  assert.equal(row?.ts, '2024-01-04 01:00:00.000');
});

test('a row the warehouse refuses goes to the dead-letter table, and the rest of its batch is applied', async () => {
  // A row the decoder let through but ClickHouse cannot take (here: a staff row whose agency is not
  // a number, made by hand, since the decoder rejects every such case it knows of).
  const lsns = new LsnClock(0x0300_0000);
  const builder = new BatchBuilder();
  for (const message of encodeTransaction({ txId: 4, commitTime: '2024-01-05T01:00:00.000000Z', changes: [10, 11, 12, 13, 14].map((id) => (
    { table: 'staff' as const, op: 'c' as const, before: null, after: staff(id, `Cán bộ ${id}`) })) }, lsns)) builder.add(message);
  const batch = builder.take()!;
  const lines = batch.rows[0]!.body.split('\n');
  const broken = lines[2]!.replace(/^12\t1\t/, '12\tmột\t');
  assert.notEqual(broken, lines[2], 'the row of staff 12 was altered');
  batch.rows[0]!.body = [...lines.slice(0, 2), broken, ...lines.slice(3)].join('\n');
  const letters: string[] = [];

  const result = await writeBatch(client, batch, { source: 'test', onDeadLetter: (letter) => letters.push(letter.position) });
  assert.equal(result.rows, 4);
  assert.equal(result.deadLetters, 1);
  const stored = await queryRows<{ id: number }>(client, 'select id from eoffice_raw.staff final where id between 10 and 14 order by id');
  assert.deepEqual(stored.map((row) => row.id), [10, 11, 13, 14]);
  const position = broken.split('\t')[9]!;
  assert.deepEqual(letters, [position], "the letter's position is the row's LSN, as the direct path's letters are");
  const kept = await queryRows<{ source: string; reason: string; payload: string }>(client,
    'select source, reason, payload from eoffice_raw._dead_letter where position = {position:String}', { position });
  assert.equal(kept.length, 1);
  assert.equal(kept[0]!.source, 'eoffice.eoffice.staff');
  assert.match(kept[0]!.reason, /^the warehouse refused the row \([A-Z_]+\): /);
  assert.equal(kept[0]!.payload, broken);
  // The batch counts as applied, and applying it again (a replay) keeps the letter once.
  const [progress] = await queryRows<{ n: string }>(client, 'select count() as n from eoffice_raw._ingest_progress where batch_id = {id:String}', { id: batch.batchId });
  assert.equal(Number(progress!.n), 1);
  await writeBatch(client, batch, { source: 'test' });
  const again = await queryRows<{ n: string }>(client, 'select count() as n from eoffice_raw._dead_letter where position = {position:String}', { position });
  assert.equal(Number(again[0]!.n), 1);
});

test('a batch whose every row is refused is taken for a fault of the warehouse and raised, not set aside', async () => {
  const lsns = new LsnClock(0x0400_0000);
  const builder = new BatchBuilder();
  for (const message of encodeTransaction({ txId: 5, commitTime: '2024-01-06T01:00:00.000000Z', changes: [20, 21].map((id) => (
    { table: 'staff' as const, op: 'c' as const, before: null, after: staff(id, `Cán bộ ${id}`) })) }, lsns)) builder.add(message);
  const batch = builder.take()!;
  batch.rows[0]!.body = batch.rows[0]!.body.replace(/^(2[01])\t1\t/gm, '$1\tmột\t');
  await assert.rejects(writeBatch(client, batch, { source: 'test' }), /every one of 2 rows was refused: the warehouse refused the row/);
  const [letters] = await queryRows<{ n: string }>(client, "select count() as n from eoffice_raw._dead_letter where startsWith(payload, '20\t') or startsWith(payload, '21\t')");
  assert.equal(Number(letters!.n), 0);
  const [progress] = await queryRows<{ n: string }>(client, 'select count() as n from eoffice_raw._ingest_progress where batch_id = {id:String}', { id: batch.batchId });
  assert.equal(Number(progress!.n), 0, 'the batch is not recorded as applied');
});


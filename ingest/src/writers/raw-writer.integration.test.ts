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

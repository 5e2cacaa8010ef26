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
import { BatchBuilder } from './batch-builder.js';
import type { DocumentGuard } from './document-guard.js';
import { writeBatch } from './raw-writer.js';
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
});

test('progress records the newest source commit applied', async () => {
  const [row] = await queryRows<{ ts: string }>(client, 'select toString(max(max_source_ts)) as ts from eoffice_raw._ingest_progress');
  assert.equal(row?.ts, '2024-01-04 01:00:00.000');
});

test('a late withdrawal of a document takes its children up to it, not those the source let in after', async () => {
  const at = '2024-02-01T01:00:00.000000Z';
  const audit = { created_at: at, updated_at: at };
  const document = (secrecy: string): SourceRow => ({
    id: 900, agency_id: 1, reg_number: 1, received_at: at, source_notation: '1/UBND', doc_type: 'CV', issuer_code: null,
    issuer_name: 'UBND', issued_date: '2024-01-31', summary: 'Công văn', urgency: 'normal', secrecy, channel: 'paper',
    due_date: null, status: 'registered', handled_on_system: true, completed_at: null, from_dispatch_id: null, ...audit,
  });
  const note = (id: number): SourceRow => ({ id, incoming_id: 900, outgoing_id: null, actor_id: 1, action: 'comment', at, note: `ghi chú ${id}`, ...audit });
  // In the source, in this order: the document and a note; the document made secret (behind the row
  // filter: a delete of its clean version); made clear again (an insert); a new note.
  const lsns = new LsnClock(0x0300_0000);
  const [created, secret, clearAgain, later] = [
    [{ table: 'incoming_document', op: 'c', before: null, after: document('none') }, { table: 'processing_log', op: 'c', before: null, after: note(901) }],
    [{ table: 'incoming_document', op: 'd', before: document('none'), after: null }],
    [{ table: 'incoming_document', op: 'c', before: null, after: document('none') }],
    [{ table: 'processing_log', op: 'c', before: null, after: note(902) }],
  ].map((changes, i) => encodeTransaction({ txId: 10 + i, commitTime: at, changes: changes as SourceTransaction['changes'] }, lsns));
  // The source as it stands now: the document is clear.
  const guard: DocumentGuard = { authoritative: true, clear: async (_table, ids) => new Set(ids), close: async () => undefined };
  const deliver = async (messages: ChangeMessage[]) => {
    const builder = new BatchBuilder({ behindRowFilter: true });
    for (const message of messages) builder.add(message);
    await writeBatch(client, builder.take()!, { source: 'kafka', guard });
  };
  const notes = async () => (await queryRows<{ id: number }>(client, 'select id from eoffice_raw.processing_log where incoming_id = 900 order by id')).map((row) => row.id);
  await deliver(created!);
  // Each table has its own topic: the notes' runs ahead of the documents'.
  await deliver(later!);
  assert.deepEqual(await notes(), [901, 902]);
  await deliver(secret!);
  assert.deepEqual(await notes(), [902], 'the note of before the withdrawal goes with it; the one the source let in after stays');
  await deliver(clearAgain!);
  const [held] = await queryRows<{ n: string }>(client, 'select toString(count()) as n from eoffice_raw.incoming_document final where id = 900');
  assert.equal(held!.n, '1');
});

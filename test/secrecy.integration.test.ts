// No field of a secret document may reach the warehouse: not in raw tables, models, dead letters
// or counts. A simulated history plus hand-made cases (a secret document inserted then updated, a
// document that becomes secret after registration, a broken secret event) goes through the
// ingest; then every column of every table and view is searched for the documents' markers.
// Their child rows too (source-contract.md): secret documents get children in every child table,
// documents stored clean with children are made secret, and children keep changing around that,
// through the Debezium path (ingestMessages) and the bulk path (ingestTransactions). The Kafka and
// pg-direct sources, where a child may come before its document, are in secrecy-cdc.integration.test.ts.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, ingestTransactions, migrateRaw, LsnClock, type ChangeMessage, type SourceRow, type SourceTransaction } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { findLeaks, secretChildrenCase } from './support/secret-children.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'secrecy-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const simulation = { seed: 77, scale: 0.001, until: '2023-03-31' };
const marker = (n: number) => `MẬT-DẤU-${n}-Ω`;
const at = (day: string) => `${day}T02:00:00.000000Z`;
const document = (id: number, summary: string, secrecy: string): SourceRow => ({
  id, agency_id: 1, reg_number: 9000 + id % 1000, received_at: at('2023-03-30'), source_notation: summary, doc_type: 'CV',
  issuer_code: null, issuer_name: summary, issued_date: '2023-03-29', summary, urgency: 'normal', secrecy, channel: 'paper',
  due_date: null, status: 'registered', handled_on_system: false, completed_at: null, from_dispatch_id: null,
  created_at: at('2023-03-30'), updated_at: at('2023-03-30'),
});
const secretFromStart = document(900_000_001, marker(1), 'top_secret');
const becomesSecret = document(900_000_002, marker(2), 'none');
const handMade: SourceTransaction[] = [
  { txId: 1e9, commitTime: '2023-03-31T09:00:00.000000Z', changes: [
    { table: 'incoming_document', op: 'c', before: null, after: secretFromStart },
    { table: 'incoming_document', op: 'c', before: null, after: becomesSecret },
  ] },
  { txId: 1e9 + 1, commitTime: '2023-03-31T09:30:00.000000Z', changes: [
    { table: 'incoming_document', op: 'u', before: secretFromStart, after: { ...secretFromStart, status: 'completed', completed_at: '2023-03-31T09:30:00.000000Z' } },
    { table: 'incoming_document', op: 'u', before: becomesSecret, after: { ...becomesSecret, secrecy: 'secret' } },
  ] },
];
const refs = { agency: 1, unit: 1, staff: 1, workFile: 1 };
const viaMessages = secretChildrenCase(800_000_000, 'A', refs, 2e9);
const viaTransactions = secretChildrenCase(810_000_000, 'B', refs, 2e9 + 100);
const brokenChildMarker = 'MẬT-CON-GÃY-Ω';
// A child's event cut short: its document (secret from the start) can be read from it, its note must not be kept.
const brokenChildEvent: ChangeMessage = {
  source: 'eoffice.eoffice.processing_log', position: 'broken-child', key: null,
  value: `{"op":"c","after":{"id":1,"incoming_id":${viaMessages.before[0]!.changes[0]!.after!['id']},"note":"${brokenChildMarker}"`,
};
const brokenSecretEvent: ChangeMessage = {
  source: 'eoffice.eoffice.incoming_document', position: 'broken-secret', key: null,
  value: `{"op":"c","after":{"id":900000003,"secrecy":"secret","summary":"${marker(3)}"`,
};

// The simulator's own secret documents, to look for them by id afterwards.
const simulatedSecretIds: number[] = [];
const secretIds = { incoming_document: [900_000_001, 900_000_002], outgoing_document: [] as number[] };
const simulatedSecretSummaries = new Set<string>();
function* withHandMade(): Generator<SourceTransaction> {
  for (const tx of simulate(simulation)) {
    for (const change of tx.changes) {
      const row = change.after ?? change.before;
      if (row && 'secrecy' in row && row['secrecy'] !== 'none') {
        simulatedSecretIds.push(row['id'] as number);
        if (change.table === 'incoming_document' || change.table === 'outgoing_document') secretIds[change.table].push(row['id'] as number);
      }
    }
    yield tx;
  }
  yield handMade[0]!;
  yield* viaMessages.before;
}
async function* later(): AsyncGenerator<ChangeMessage> {
  yield* debeziumMessages([handMade[1]!, ...viaMessages.after], new LsnClock(2 ** 40));
  yield brokenSecretEvent;
  yield brokenChildEvent;
}

await migrateRaw(warehouse);
// Two runs, so that a document's clean version is stored before its update makes it secret.
const first = await ingestMessages(warehouse, debeziumMessages(withHandMade(), new LsnClock()), { source: 'test', batchSize: 5_000 });
const second = await ingestMessages(warehouse, later(), { source: 'test' });
// The bulk path, in small batches so that documents and their children fall into different ones.
const bulkFirst = await ingestTransactions(warehouse, viaTransactions.before, { source: 'test', batchSize: 4 }, new LsnClock(2 ** 41));
const bulkSecond = await ingestTransactions(warehouse, viaTransactions.after, { source: 'test', batchSize: 3 }, new LsnClock(2 ** 42));
const totals = { secretDropped: first.secretDropped + second.secretDropped, deadLetters: first.deadLetters + second.deadLetters };
await buildModels(warehouse);

test('secret document changes are dropped and only counted', () => {
  assert.ok(simulatedSecretIds.length > 0, 'the simulation should contain secret documents');
  assert.ok(totals.secretDropped >= simulatedSecretIds.length + 3);
  assert.equal(totals.deadLetters, 2);
});

test('no column of any table or view holds a secret document\'s child, on either ingest path', async () => {
  const markers = [...viaMessages.markers, ...viaTransactions.markers, brokenChildMarker];
  const childIds = [...viaMessages.childIds, ...viaTransactions.childIds];
  assert.deepEqual(await findLeaks(warehouse, markers, childIds), []);
  // Withheld, not lost: the children of clean documents arrived, in the raw table and the model.
  for (const visible of [viaMessages.visible, viaTransactions.visible]) {
    const [row] = await queryRows<{ raw: string; model: string }>(warehouse,
      `select (select count() from eoffice_raw.processing_log final where note = {v:String}) as raw,
              (select count() from analytics.stg_eoffice__processing_log where note = {v:String}) as model`, { v: visible });
    assert.deepEqual({ raw: Number(row?.raw), model: Number(row?.model) }, { raw: 1, model: 1 }, visible);
  }
  assert.ok(first.childrenWithheld + second.childrenWithheld > 0 && bulkFirst.childrenWithheld + bulkSecond.childrenWithheld > 0);
  const [letter] = await queryRows<{ payload: string }>(warehouse, "select payload from eoffice_raw._dead_letter where position = 'broken-child'");
  assert.match(letter?.payload ?? '', /withheld/);
});

test('no column of any table or view holds a secret document\'s text', async () => {
  const columns = await queryRows<{ database: string; table: string; name: string }>(warehouse,
    "select database, table, name from system.columns where database in ('eoffice_raw', 'analytics') order by database, table");
  const tables = new Map<string, string[]>();
  for (const c of columns) tables.set(`${c.database}.${c.table}`, [...(tables.get(`${c.database}.${c.table}`) ?? []), c.name]);
  assert.ok(tables.size > 30);
  const found: string[] = [];
  for (const [table, names] of tables) {
    const text = `concat(${names.map((n) => `toString(\`${n}\`)`).join(", '|', ")})`;
    for (const n of [1, 2, 3]) {
      const [row] = await queryRows<{ hits: string }>(warehouse, `select count() as hits from ${table} where position(${text}, {m:String}) > 0`, { m: marker(n) });
      if (Number(row?.hits) > 0) found.push(`${table}: ${marker(n)}`);
    }
  }
  assert.deepEqual(found, []);
});

test('the simulator\'s secret documents are in no table, by id', async () => {
  for (const [table, ids] of Object.entries(secretIds)) {
    // Only field-less tombstones may carry these ids.
    const [raw] = await queryRows<{ n: string }>(warehouse, `select count() as n from eoffice_raw.${table} where id in {ids:Array(Int64)} and (summary != '' or agency_id != 0)`, { ids });
    assert.equal(Number(raw?.n), 0, table);
  }
  const [facts] = await queryRows<{ n: string }>(warehouse, 'select count() as n from analytics.fct_incoming_document where incoming_id in {ids:Array(Int64)}', { ids: secretIds.incoming_document });
  assert.equal(Number(facts?.n), 0);
  const [outFacts] = await queryRows<{ n: string }>(warehouse, 'select count() as n from analytics.fct_outgoing_document where outgoing_id in {ids:Array(Int64)}', { ids: secretIds.outgoing_document });
  assert.equal(Number(outFacts?.n), 0);
  const [letter] = await queryRows<{ payload: string }>(warehouse, "select payload from eoffice_raw._dead_letter where position = 'broken-secret'");
  assert.match(letter?.payload ?? '', /withheld/);
});

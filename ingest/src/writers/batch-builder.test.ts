// What a batch says of a child row's documents before any look-up (writers/document-guard.ts), and
// that the snapshot conditions keeping secret documents' children in the source are the ones the
// connector file uses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BatchBuilder, Verdict } from './batch-builder.js';
import { columnIncludeList, snapshotCondition, snapshotStatement, sourceTableNames, type SourceChange, type SourceRow } from '../source-tables.js';

const at = '2023-03-31T02:00:00.000000Z';
const incoming = (id: number, secrecy = 'none'): SourceRow => ({
  id, agency_id: 1, reg_number: 1, received_at: at, source_notation: 'x', doc_type: 'CV', issuer_code: null, issuer_name: 'x',
  issued_date: '2023-03-30', summary: 'x', urgency: 'normal', secrecy, channel: 'paper', due_date: null, status: 'registered',
  handled_on_system: true, completed_at: null, from_dispatch_id: null, created_at: at, updated_at: at,
});
const log = (id: number, incomingId: number | null, outgoingId: number | null = null): SourceRow => ({
  id, incoming_id: incomingId, outgoing_id: outgoingId, actor_id: 1, action: 'comment', at, note: 'ghi chú', created_at: at, updated_at: at,
});
const c = (table: SourceChange['table'], row: SourceRow): SourceChange => ({ table, op: 'c', before: null, after: row });

function build(changes: SourceChange[], behindRowFilter = false) {
  const builder = new BatchBuilder({ behindRowFilter });
  changes.forEach((change, i) => builder.addChange(change, 1000 + i, 1, Date.parse(at)));
  return builder.take()!;
}

test('a child is clear after its document in the batch, unknown without it, withheld after a secret one', () => {
  const batch = build([
    c('incoming_document', incoming(1)), c('processing_log', log(10, 1)),
    c('processing_log', log(11, 2)),
    c('incoming_document', incoming(3, 'secret')), c('processing_log', log(12, 3)),
    // A child of a clean and a secret document is withheld; of a clean one and an unknown one, unknown.
    c('processing_log', log(13, 1, 99)), c('processing_log', log(14, 3, 99)),
  ]);
  assert.deepEqual(batch.rows.map((r) => r.table), ['incoming_document']);
  const logs = batch.children.find((r) => r.table === 'processing_log')!;
  assert.deepEqual(logs.verdicts, [Verdict.Clear, Verdict.Unknown, Verdict.Withheld, Verdict.Unknown, Verdict.Withheld]);
  assert.deepEqual(logs.incoming, [1, 2, 3, 1, 3]);
  assert.deepEqual(logs.outgoing, [null, null, null, 99, 99]);
});

test('a document made secret withholds its children already in the batch', () => {
  const batch = build([
    c('incoming_document', incoming(1)), c('processing_log', log(10, 1)), c('processing_log', log(11, 2)),
    { table: 'incoming_document', op: 'u', before: incoming(1), after: incoming(1, 'top_secret') },
  ]);
  assert.deepEqual(batch.children[0]!.verdicts, [Verdict.Withheld, Verdict.Unknown]);
  assert.deepEqual(batch.purge, [{ table: 'incoming_document', ids: [1] }]);
});

test('behind the row filter a deleted document is withdrawn as a secret one, uncounted; in the simulator\'s stream it is a plain delete', () => {
  const changes: SourceChange[] = [
    c('incoming_document', incoming(1)), c('processing_log', log(10, 1)),
    // Behind the filter, how a document made secret arrives: a delete of its last clean version.
    { table: 'incoming_document', op: 'd', before: incoming(1), after: null },
    c('processing_log', log(11, 1)),
  ];
  const filtered = build(changes, true);
  assert.deepEqual(filtered.children[0]!.verdicts, [Verdict.Withheld, Verdict.Withheld]);
  // No field of it is kept: its clean version in the batch is dropped, the stored ones are purged,
  // and a tombstone holding its id alone takes their place.
  assert.equal(filtered.rows.reduce((n, r) => n + r.count, 0), 0);
  assert.deepEqual(filtered.purge, [{ table: 'incoming_document', ids: [1] }]);
  assert.deepEqual(filtered.tombstones.map((t) => ({ table: t.table, rows: t.lines.map((line) => JSON.parse(line)) })), [
    { table: 'incoming_document', rows: [{ id: 1, _version: 1002, _is_deleted: 1, _op: 'd', _tx_id: 1, _source_ts: '2023-03-31 02:00:00.000' }] },
  ]);
  assert.deepEqual(filtered.secrets, [], 'a delete cannot be told from a document made secret: it is not counted as secret');
  // The simulator deletes a document's children first: their deletes must be written, and so is the document's.
  const simulated = build(changes);
  assert.deepEqual(simulated.children[0]!.verdicts, [Verdict.Clear, Verdict.Withheld]);
  assert.deepEqual(simulated.purge, []);
  assert.deepEqual(simulated.rows.map((r) => r.count), [2]);
});

test('a broken child event keeps its payload only for the writer to check its documents', () => {
  const builder = new BatchBuilder();
  builder.add({ source: 'eoffice.eoffice.processing_log', position: 'a', key: null, value: '{"op":"c","after":{"id":1,"incoming_id":7,"note":"x"' });
  builder.add({ source: 'eoffice.eoffice.processing_log', position: 'b', key: null, value: '{"op":"c","after":{"id":1,"note":"x"' });
  // Two different documents named: no guess is made.
  builder.add({ source: 'eoffice.eoffice.assignment', position: 'c', key: null, value: '{"before":{"incoming_id":7},"after":{"incoming_id":8,"x":' });
  builder.add({ source: 'eoffice.eoffice.agency', position: 'd', key: null, value: '{"op":"c","after":{"id":1' });
  const [named, unnamed, ambiguous, other] = builder.take()!.deadLetters;
  assert.deepEqual(named!.documents, { incoming: 7, outgoing: null, verdict: Verdict.Unknown });
  assert.match(named!.payload, /"note":"x"/);
  for (const letter of [unnamed!, ambiguous!]) {
    assert.equal(letter.documents, undefined);
    assert.match(letter.payload, /withheld/);
  }
  assert.equal(other!.documents, undefined);
  assert.match(other!.payload, /"id":1/);
});

test('the connector\'s snapshot keeps out secret documents and their children, as the resync does', () => {
  const file = JSON.parse(readFileSync(new URL('../../../infra/kafka/debezium-eoffice.json', import.meta.url), 'utf8')) as { config: Record<string, string> };
  const expected = sourceTableNames.filter((table) => snapshotCondition(table) !== undefined);
  assert.deepEqual(expected.sort(), ['assignment', 'deadline_extension', 'dispatch', 'incoming_document', 'outgoing_document', 'processing_log', 'work_file_item']);
  assert.deepEqual(file.config['snapshot.select.statement.overrides']!.split(',').sort(), expected.map((t) => `eoffice.${t}`).sort());
  for (const table of expected) {
    assert.equal(file.config[`snapshot.select.statement.overrides.eoffice.${table}`], snapshotStatement(table));
    assert.ok(snapshotStatement(table)!.endsWith(`from eoffice.${table} where ${snapshotCondition(table)}`));
  }
  // The statements name the contract's columns, so the captured columns must be exactly those.
  assert.equal(file.config['column.include.list'], columnIncludeList());
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SourceTransaction } from '../source-tables.js';
import { encodeDate, encodeTimestamptz, encodeTransaction, LsnClock } from './encode.js';
import { decodeMessage, rawColumns, type DecodeOutcome } from './decode.js';
import type { DebeziumEnvelope } from './envelope.js';

const agencyRow = {
  id: 7, code: '000.00.31.H26', name: 'UBND quận Ba Đình', short_name: 'UBND', kind: 'district', parent_id: 1,
  admin_unit_code: '001', valid_from: '2022-01-01', valid_to: null,
  created_at: '2021-12-31T17:00:00.000000Z', updated_at: '2021-12-31T17:00:00.000000Z',
};

/** A decoded row as column → value, to read in assertions. */
const rowOf = (outcome: Extract<DecodeOutcome, { kind: 'row' }>) =>
  Object.fromEntries(rawColumns(outcome.table).map((name, i) => [name, outcome.values[i]]));

const tx = (changes: SourceTransaction['changes']): SourceTransaction => ({ txId: 42, commitTime: '2024-03-05T02:10:00.250000Z', changes });

test('timestamps lose trailing zeros and dates become epoch days, as Debezium encodes them', () => {
  assert.equal(encodeTimestamptz('2024-03-05T02:10:00.250000Z'), '2024-03-05T02:10:00.25Z');
  assert.equal(encodeTimestamptz('2024-03-05T02:10:00.000000Z'), '2024-03-05T02:10:00Z');
  assert.equal(encodeTimestamptz('infinity'), 'infinity', 'left for the decoder to dead-letter');
  assert.equal(encodeDate('1970-01-02'), 1);
  assert.equal(encodeDate('2025-07-01'), 20270);
});

test('an insert is encoded in the Debezium envelope and decodes back to the same row', () => {
  const [message] = encodeTransaction(tx([{ table: 'agency', op: 'c', before: null, after: agencyRow }]), new LsnClock(1000));
  assert.ok(message);
  assert.equal(message.source, 'eoffice.eoffice.agency');
  assert.equal(message.key, '{"id":7}');
  const envelope = JSON.parse(message.value!) as DebeziumEnvelope;
  assert.equal(envelope.op, 'c');
  assert.equal(envelope.source.lsn, 1000);
  assert.equal(envelope.source.txId, 42);
  assert.equal(envelope.source.snapshot, 'false');
  assert.equal(envelope.after?.['valid_from'], 18993);
  assert.equal(envelope.after?.['created_at'], '2021-12-31T17:00:00Z');

  const outcome = decodeMessage(message);
  assert.equal(outcome.kind, 'row');
  if (outcome.kind !== 'row') return;
  const row = rowOf(outcome);
  assert.equal(outcome.id, 7);
  assert.equal(row['valid_from'], '2022-01-01');
  assert.equal(row['created_at'], '2021-12-31 17:00:00.000000');
  assert.equal(row['name'], 'UBND quận Ba Đình');
  assert.equal(row['_version'], 1000);
  assert.equal(row['_is_deleted'], 0);
  assert.equal(row['_source_ts'], '2024-03-05 02:10:00.250');
});

test('a delete carries the old row, is flagged deleted and is followed by a tombstone that is skipped', () => {
  const messages = encodeTransaction(tx([{ table: 'agency', op: 'd', before: agencyRow, after: null }]), new LsnClock(5));
  assert.equal(messages.length, 2);
  assert.equal(messages[1]?.value, null);
  const outcome = decodeMessage(messages[0]!);
  assert.equal(outcome.kind, 'row');
  if (outcome.kind === 'row') assert.equal(rowOf(outcome)['_is_deleted'], 1);
  assert.deepEqual(decodeMessage(messages[1]!), { kind: 'skip', reason: 'tombstone' });
});

test('a secret document becomes a field-less tombstone and a count', () => {
  const secret = {
    id: 99, agency_id: 7, reg_number: 3, received_at: '2024-03-04T18:30:00.000000Z', source_notation: '12/CV-BCA',
    doc_type: 'CV', issuer_code: null, issuer_name: 'Bộ Công an', issued_date: '2024-03-01', summary: 'Nội dung mật',
    urgency: 'normal', secrecy: 'secret', channel: 'paper', due_date: null, status: 'registered',
    handled_on_system: false, completed_at: null, from_dispatch_id: null,
    created_at: '2024-03-04T18:30:00.000000Z', updated_at: '2024-03-04T18:30:00.000000Z',
  };
  const [message] = encodeTransaction(tx([{ table: 'incoming_document', op: 'c', before: null, after: secret }]), new LsnClock(9));
  const outcome = decodeMessage(message!);
  assert.equal(outcome.kind, 'secret');
  if (outcome.kind !== 'secret') return;
  assert.equal(outcome.agencyId, 7);
  assert.equal(outcome.day, '2024-03-05', 'the local day in Asia/Ho_Chi_Minh');
  assert.deepEqual(Object.keys(outcome.tombstone).sort(), ['_is_deleted', '_op', '_source_ts', '_tx_id', '_version', 'id']);
  assert.ok(!JSON.stringify(outcome).includes('Nội dung mật'));
});

test('malformed messages become dead letters with a reason; secret ones are redacted', () => {
  const bad = (value: string) => decodeMessage({ source: 't', position: '1', key: null, value });
  assert.deepEqual(bad('{not json'), { kind: 'dead-letter', reason: 'payload is not valid JSON', redacted: false });
  const unknownTable = bad(JSON.stringify({ op: 'c', after: { id: 1 }, source: { table: 'nope', lsn: 1, txId: 1, ts_ms: 1 } }));
  assert.equal(unknownTable.kind, 'dead-letter');
  if (unknownTable.kind === 'dead-letter') assert.match(unknownTable.reason, /unknown source table "nope"/);
  const badType = bad(JSON.stringify({ op: 'c', after: { ...agencyRow, id: 'x' }, source: { table: 'agency', lsn: 1, txId: 1, ts_ms: 1 } }));
  assert.equal(badType.kind, 'dead-letter');
  if (badType.kind === 'dead-letter') assert.match(badType.reason, /agency\.id should be an integer/);
  const truncatedSecret = bad('{"op":"c","after":{"id":5,"secrecy":"top_secret","summary":"x"');
  assert.deepEqual(truncatedSecret, { kind: 'dead-letter', reason: 'payload is not valid JSON', redacted: true });
});

test('values the warehouse cannot hold are dead letters, and the next message still decodes', () => {
  const change = (row: Record<string, unknown>, source: Record<string, unknown> = {}) => decodeMessage({
    source: 't', position: '1', key: null,
    value: JSON.stringify({ op: 'c', after: { ...agencyRow, valid_from: 18_993, ...row }, source: { table: 'agency', lsn: 1, txId: 1, ts_ms: 1_700_000_000_000, ...source } }),
  });
  const reasons: [Record<string, unknown>, Record<string, unknown>, RegExp][] = [
    // Epoch days: a billion days threw a RangeError (not a dead letter: the consumer stopped on it);
    // year 10000 decoded but ClickHouse refused the batch at every retry.
    [{ valid_from: 1_000_000_000 }, {}, /agency\.valid_from is 1000000000, outside what the warehouse holds \(1900-01-01 to 2299-12-31\)/],
    [{ valid_from: 2_932_897 }, {}, /outside what the warehouse holds/],
    [{ valid_from: -25_568 }, {}, /outside what the warehouse holds/],
    [{ created_at: '2025-13-45T00:00:00Z' }, {}, /agency\.created_at has no such day/],
    [{ created_at: '2025-02-30T00:00:00Z' }, {}, /has no such day/],
    [{ created_at: '1899-12-31T23:59:59Z' }, {}, /outside what the warehouse holds/],
    [{}, { ts_ms: 8.64e15 }, /source\.ts_ms is 8640000000000000, outside/],
  ];
  for (const [row, source, reason] of reasons) {
    const outcome = change(row, source);
    assert.equal(outcome.kind, 'dead-letter', JSON.stringify(row));
    if (outcome.kind === 'dead-letter') assert.match(outcome.reason, reason);
  }
  // The edges themselves are kept.
  assert.equal(change({ valid_from: -25_567, created_at: '2299-12-31T23:59:59.999999Z' }).kind, 'row');
  const reg = decodeMessage({
    source: 't', position: '2', key: null,
    value: JSON.stringify({ op: 'c', after: { id: 1, reg_number: 2 ** 31 }, source: { table: 'incoming_document', lsn: 2, txId: 1, ts_ms: 1 } }),
  });
  assert.equal(reg.kind, 'dead-letter');
  assert.equal(change({}).kind, 'row', 'the stream goes on');
});

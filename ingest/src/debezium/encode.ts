// Encodes the simulator's source transactions exactly as Debezium's PostgreSQL connector (pgoutput,
// JSON converter, schemas disabled, decimal.handling.mode=string, time.precision.mode=adaptive) would
// publish them, so the embedded pipeline exercises the same decoding as production.
import { sourceTables, type ColumnSpec, type SourceRow, type SourceTransaction } from '../source-tables.js';
import { sourceSchema, topicFor, topicPrefix, type ChangeMessage, type DebeziumEnvelope, type DebeziumRow } from './envelope.js';

const msPerDay = 86_400_000;

/** Debezium's ZonedTimestamp: ISO-8601 in UTC with only the fraction digits that are not trailing zeros. */
export function encodeTimestamptz(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  // Anything else (PostgreSQL's 'infinity', as pg-direct reads it) goes on as it is: the decoder
  // dead-letters that change, where a throw here stopped the whole stream.
  if (!match) return iso;
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  return fraction ? `${match[1]}.${fraction}Z` : `${match[1]}Z`;
}

/** io.debezium.time.Date: days since 1970-01-01. */
export function encodeDate(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / msPerDay);
}

function encodeValue(column: ColumnSpec, value: SourceRow[string] | undefined): DebeziumRow[string] {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'timestamptz':
      return encodeTimestamptz(String(value));
    case 'date':
      return encodeDate(String(value));
    default:
      return value;
  }
}

function encodeRow(columns: readonly ColumnSpec[], row: SourceRow | null): DebeziumRow | null {
  if (!row) return null;
  const out: DebeziumRow = {};
  for (const column of columns) out[column.name] = encodeValue(column, row[column.name]);
  return out;
}

/**
 * Assigns LSNs the way a WAL would: increasing, one per change, the commit's LSN after its last change.
 * Start value is arbitrary but fixed, so the same transactions always get the same LSNs.
 */
export class LsnClock {
  constructor(private next = 0x0100_0000) {}
  take(bytes = 120): number {
    const lsn = this.next;
    this.next += bytes;
    return lsn;
  }
}

export function encodeTransaction(tx: SourceTransaction, lsns: LsnClock): ChangeMessage[] {
  const commitMs = Date.parse(tx.commitTime);
  const messages: ChangeMessage[] = [];
  const changeLsns = tx.changes.map(() => lsns.take());
  const commitLsn = lsns.take(56);
  tx.changes.forEach((change, index) => {
    const columns = sourceTables[change.table];
    const lsn = changeLsns[index]!;
    // Debezium stamps its own processing time a few milliseconds after the commit.
    const processedMs = commitMs + 3;
    const envelope: DebeziumEnvelope = {
      before: encodeRow(columns, change.before),
      after: encodeRow(columns, change.after),
      source: {
        version: '3.3.1.Final',
        connector: 'postgresql',
        name: topicPrefix,
        ts_ms: commitMs,
        snapshot: 'false',
        db: 'eoffice',
        sequence: JSON.stringify([String(commitLsn), String(lsn)]),
        ts_us: commitMs * 1000,
        ts_ns: commitMs * 1_000_000,
        schema: sourceSchema,
        table: change.table,
        txId: tx.txId,
        lsn,
        xmin: null,
      },
      transaction: null,
      op: change.op,
      ts_ms: processedMs,
      ts_us: processedMs * 1000,
      ts_ns: processedMs * 1_000_000,
    };
    const id = (change.after ?? change.before)?.['id'];
    const key = JSON.stringify({ id });
    const topic = topicFor(change.table);
    messages.push({ source: topic, position: String(lsn), key, value: JSON.stringify(envelope) });
    // tombstones.on.delete defaults to true: a delete is followed by a null-valued message.
    if (change.op === 'd') messages.push({ source: topic, position: String(lsn), key, value: null });
  });
  return messages;
}

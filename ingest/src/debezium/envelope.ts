// The shape of Debezium 3's PostgreSQL change events as the JSON converter writes them with
// schemas.enable=false, and the topic names of our connector (topic.prefix "eoffice").
import type { SourceTable } from '../source-tables.js';

export const topicPrefix = 'eoffice';
export const sourceSchema = 'eoffice';

export function topicFor(table: SourceTable): string {
  return `${topicPrefix}.${sourceSchema}.${table}`;
}

/** A Debezium-encoded row: int8/int4 numbers, text strings, timestamptz ISO strings, date epoch days, bool booleans. */
export type DebeziumRow = Record<string, string | number | boolean | null>;

export interface DebeziumSource {
  version: string;
  connector: 'postgresql';
  name: string;
  ts_ms: number;
  snapshot: 'true' | 'false' | 'first' | 'last' | 'incremental';
  db: string;
  sequence: string;
  ts_us: number;
  ts_ns: number;
  schema: string;
  table: string;
  txId: number;
  lsn: number;
  xmin: null;
}

export interface DebeziumEnvelope {
  before: DebeziumRow | null;
  after: DebeziumRow | null;
  source: DebeziumSource;
  transaction: null;
  op: 'c' | 'u' | 'd' | 'r';
  ts_ms: number;
  ts_us: number;
  ts_ns: number;
}

/** A message as a Kafka consumer (or the embedded pipeline) hands it over: bytes already decoded to text. */
export interface ChangeMessage {
  /** Where it came from (topic, file, "simulator"), for dead letters. */
  readonly source: string;
  /** Its position there (partition/offset, line, LSN), for dead letters and logs. */
  readonly position: string;
  readonly key: string | null;
  /** null is a Kafka tombstone (the compaction marker after a delete). */
  readonly value: string | null;
}

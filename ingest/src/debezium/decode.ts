// Decodes one Debezium change message into a row for the raw ClickHouse table, or says why not.
// Every outcome is named: a row to write, a secret document to drop, a message to skip, or a dead letter.
import { isSourceTable, sourceTables, tablesWithSecrecy, type ColumnSpec, type SourceChange, type SourceTable } from '../source-tables.js';
import type { ChangeMessage } from './envelope.js';
import { isCalendarDate } from '@vanban/common/calendar-date';

/** A value as the raw table's JSONEachRow insert takes it. */
export type RawValue = string | number | boolean | null;
export type RawRow = Record<string, RawValue>;

export type DecodeOutcome =
  /** `values` follow `rawColumns(table)`: the source columns, then the version and delete metadata. */
  | { kind: 'row'; table: SourceTable; id: number; values: RawValue[]; lsn: number; sourceTsMs: number }
  | { kind: 'secret'; table: SourceTable; agencyId: number | null; day: string | null; tombstone: RawRow; lsn: number; sourceTsMs: number;
      /** True when earlier, non-secret versions of the document may be stored and must be purged. */
      purge: boolean }
  | { kind: 'skip'; reason: string }
  | { kind: 'dead-letter'; reason: string; redacted: boolean };

class DecodeError extends Error {}

const isoTimestamp = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z$/;
const msPerDay = 86_400_000;
const localOffsetMs = 7 * 3_600_000; // Asia/Ho_Chi_Minh, no daylight saving

// What the raw tables can hold (Date32 and DateTime64 span 1900-01-01 to 2299-12-31; Int32). A value
// outside is a dead letter here: written, it would make ClickHouse refuse the whole batch again at
// every retry, and the table's stream would never move past it.
const firstDay = '1900-01-01';
const lastDay = '2299-12-31';
const firstEpochDay = Date.UTC(1900, 0, 1) / msPerDay;
const lastEpochDay = Date.UTC(2299, 11, 31) / msPerDay;
const firstMs = Date.UTC(1900, 0, 1);
const lastMs = Date.UTC(2299, 11, 31, 23, 59, 59, 999);
const outOfRange = (table: string, column: string, value: unknown) =>
  new DecodeError(`${table}.${column} is ${JSON.stringify(value)}, outside what the warehouse holds (${firstDay} to ${lastDay})`);

function decodeValue(table: string, column: ColumnSpec, value: unknown): RawValue {
  if (value === null || value === undefined) {
    if (column.nullable) return null;
    throw new DecodeError(`${table}.${column.name} is null but the column is not nullable`);
  }
  switch (column.type) {
    case 'int8':
    case 'int4':
      if (typeof value === 'number' && Number.isSafeInteger(value)) {
        if (column.type === 'int4' && (value < -(2 ** 31) || value >= 2 ** 31)) throw new DecodeError(`${table}.${column.name} is ${value}, beyond a 32-bit integer`);
        return value;
      }
      throw new DecodeError(`${table}.${column.name} should be an integer, got ${JSON.stringify(value)}`);
    case 'text':
      if (typeof value === 'string') return value;
      throw new DecodeError(`${table}.${column.name} should be a string, got ${typeof value}`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      throw new DecodeError(`${table}.${column.name} should be a boolean, got ${JSON.stringify(value)}`);
    case 'date':
      // io.debezium.time.Date: days since the epoch.
      if (typeof value === 'number' && Number.isInteger(value)) {
        if (value < firstEpochDay || value > lastEpochDay) throw outOfRange(table, column.name, value);
        return new Date(value * msPerDay).toISOString().slice(0, 10);
      }
      throw new DecodeError(`${table}.${column.name} should be epoch days, got ${JSON.stringify(value)}`);
    case 'timestamptz': {
      // io.debezium.time.ZonedTimestamp: ISO-8601 in UTC with 0–9 fraction digits; we keep microseconds,
      // written in ClickHouse's own text form (UTC columns) so that the insert needs no lenient parsing.
      const match = typeof value === 'string' ? isoTimestamp.exec(value) : null;
      if (!match) throw new DecodeError(`${table}.${column.name} should be an ISO-8601 UTC timestamp, got ${JSON.stringify(value)}`);
      // A day of the calendar (not 2025-02-30), within the range above.
      if (!isCalendarDate(match[1]!)) throw new DecodeError(`${table}.${column.name} has no such day: ${JSON.stringify(value)}`);
      if (match[1]! < firstDay || match[1]! > lastDay) throw outOfRange(table, column.name, value);
      const fraction = (match[3] ?? '').slice(0, 6).padEnd(6, '0');
      return `${match[1]} ${match[2]}.${fraction}`;
    }
  }
}

/** The metadata columns every raw table has after the source's own. */
export const metaColumns = ['_version', '_is_deleted', '_op', '_tx_id', '_source_ts'] as const;

const rawColumnNames = new Map<string, readonly string[]>(
  Object.entries(sourceTables).map(([table, columns]) => [table, [...columns.map((c) => c.name), ...metaColumns]]),
);

/** The columns a decoded row's `values` fill, in order. */
export function rawColumns(table: SourceTable): readonly string[] {
  return rawColumnNames.get(table)!;
}

/** Reads one column's value into the raw table's form, or throws a DecodeError saying what is wrong. */
type ValueReader = (table: string, column: ColumnSpec, value: unknown) => RawValue;

/** The row's values in column order; an array rather than an object keeps this hot path cheap. */
function decodeImage(table: SourceTable, image: unknown, readValue: ValueReader): RawValue[] {
  if (typeof image !== 'object' || image === null || Array.isArray(image)) {
    throw new DecodeError(`${table}: row image is not an object`);
  }
  const source = image as Record<string, unknown>;
  const columns = sourceTables[table];
  const values = new Array<RawValue>(columns.length + metaColumns.length);
  // Columns the contract does not know (a column added at the source) are ignored until a migration adds them.
  for (let i = 0; i < columns.length; i++) values[i] = readValue(table, columns[i]!, source[columns[i]!.name]);
  return values;
}

function localDay(isoUtc: string | undefined): string | null {
  if (isoUtc === undefined) return null;
  const ms = Date.parse(isoUtc);
  return Number.isNaN(ms) ? null : new Date(ms + localOffsetMs).toISOString().slice(0, 10);
}

/** ClickHouse's text form of a UTC instant with milliseconds: "2024-03-05 02:10:00.250". */
function clickhouseMillis(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}`;
}

/** Looks for a secrecy marker in text that could not be parsed, so a broken secret event is not kept either. */
const secretMarker = /"secrecy"\s*:\s*"(?!none")/;

function secrecyOf(image: unknown): string | undefined {
  if (typeof image !== 'object' || image === null) return undefined;
  const value = (image as Record<string, unknown>)['secrecy'];
  return typeof value === 'string' ? value : undefined;
}

/**
 * A field-less delete marker for the row `values` decoded by decodeChange (its id and version
 * metadata only): what stays of a document withdrawn behind the publication's row filter.
 */
export function tombstoneOf(table: SourceTable, values: RawValue[], sourceTsMs: number): RawRow {
  const first = sourceTables[table].length;
  return { id: values[0] as number, ...meta(String(values[first + 2]), values[first] as number, values[first + 3] as number, sourceTsMs, true) };
}

function meta(op: string, lsn: number, txId: number, tsMs: number, deleted: boolean): RawRow {
  return {
    _version: lsn,
    _is_deleted: deleted ? 1 : 0,
    _op: op,
    _tx_id: txId,
    _source_ts: clickhouseMillis(tsMs),
  };
}

export function decodeMessage(message: ChangeMessage): DecodeOutcome {
  if (message.value === null) return { kind: 'skip', reason: 'tombstone' };
  let envelope: unknown;
  try {
    envelope = JSON.parse(message.value);
  } catch {
    return { kind: 'dead-letter', reason: 'payload is not valid JSON', redacted: secretMarker.test(message.value) };
  }
  try {
    return decodeEnvelope(envelope);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { kind: 'dead-letter', reason: error.message, redacted: secretMarker.test(message.value) };
  }
}

function decodeEnvelope(envelope: unknown): DecodeOutcome {
  if (typeof envelope !== 'object' || envelope === null || Array.isArray(envelope)) {
    throw new DecodeError('payload is not a JSON object');
  }
  const e = envelope as Record<string, unknown>;
  const source = e['source'] as Record<string, unknown> | undefined;
  if (typeof source !== 'object' || source === null) throw new DecodeError('missing "source" block');
  const table = source['table'];
  if (typeof table !== 'string' || !isSourceTable(table)) throw new DecodeError(`unknown source table ${JSON.stringify(table)}`);
  const op = e['op'];
  const lsn = source['lsn'];
  const txId = source['txId'] ?? 0;
  const tsMs = source['ts_ms'];
  if (typeof lsn !== 'number' || !Number.isSafeInteger(lsn) || lsn < 0) throw new DecodeError('source.lsn is not a non-negative integer');
  if (typeof txId !== 'number' || !Number.isSafeInteger(txId)) throw new DecodeError('source.txId is not an integer');
  if (typeof tsMs !== 'number' || !Number.isFinite(tsMs)) throw new DecodeError('source.ts_ms is not a number');
  if (tsMs < firstMs || tsMs > lastMs) throw outOfRange('source', 'ts_ms', tsMs);
  if (op === 't') throw new DecodeError(`truncate of ${table} is not applied automatically; resynchronise the table`);
  if (op !== 'c' && op !== 'u' && op !== 'd' && op !== 'r') throw new DecodeError(`unknown op ${JSON.stringify(op)}`);
  return decodeChange({ table, op, lsn, txId, tsMs, before: e['before'], after: e['after'] }, decodeValue);
}

/** A change once its envelope is checked: the same parts whether it came as Debezium JSON or straight from the simulator. */
interface ChangeParts {
  table: SourceTable;
  op: 'c' | 'u' | 'd' | 'r';
  lsn: number;
  txId: number;
  tsMs: number;
  before: unknown;
  after: unknown;
}

function decodeChange({ table, op, lsn, txId, tsMs, before, after }: ChangeParts, readValue: ValueReader): DecodeOutcome {
  const deleted = op === 'd';
  const image = deleted ? before : after;
  if (image === null || image === undefined) {
    throw new DecodeError(deleted ? 'delete without "before" (is REPLICA IDENTITY FULL set?)' : `op ${op} without "after"`);
  }
  const secrecy = tablesWithSecrecy.has(table) ? secrecyOf(image) : 'none';
  if (secrecy !== 'none') {
    if (secrecy === undefined && tablesWithSecrecy.has(table)) throw new DecodeError(`${table} row without a secrecy value`);
    // Keep no field of the document: a tombstone by id removes any earlier version, and the count
    // needs only the agency and the day.
    const id = (image as Record<string, unknown>)['id'];
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) throw new DecodeError(`${table} secret row without an id`);
    const agency = (image as Record<string, unknown>)['agency_id'];
    const when = (image as Record<string, unknown>)[table === 'incoming_document' ? 'received_at' : 'drafted_at'];
    return {
      kind: 'secret',
      table,
      agencyId: typeof agency === 'number' ? agency : null,
      day: localDay(typeof when === 'string' ? when : undefined),
      tombstone: { id, ...meta(op, lsn, txId, tsMs, true) },
      lsn,
      sourceTsMs: tsMs,
      // Secret from its insert: nothing of it was ever stored. An update or delete whose old row was
      // not secret, or a snapshot read, may follow clean versions that must go.
      purge: op === 'r' || ((op === 'u' || op === 'd') && secrecyOf(before) === 'none'),
    };
  }
  const values = decodeImage(table, image, readValue);
  const first = sourceTables[table].length;
  values[first] = lsn;
  values[first + 1] = deleted ? 1 : 0;
  values[first + 2] = op;
  values[first + 3] = txId;
  values[first + 4] = clickhouseMillis(tsMs);
  return { kind: 'row', table, id: values[0] as number, values, lsn, sourceTsMs: tsMs };
}

/**
 * A simulator change decoded as its Debezium message would be, without writing and parsing the
 * message (bulk loads): the same checks, secrecy rule and raw values. The one difference in form is
 * the date: the simulator has 'YYYY-MM-DD' where Debezium sends days since the epoch.
 */
export function decodeSourceChange(change: SourceChange, lsn: number, txId: number, tsMs: number): DecodeOutcome {
  try {
    return decodeChange({ table: change.table, op: change.op, lsn, txId, tsMs, before: change.before, after: change.after }, readSourceValue);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { kind: 'dead-letter', reason: error.message, redacted: secretMarker.test(JSON.stringify(change)) };
  }
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function readSourceValue(table: string, column: ColumnSpec, value: unknown): RawValue {
  if (column.type !== 'date' || value === null || value === undefined) return decodeValue(table, column, value);
  if (typeof value === 'string' && isoDate.test(value)) return value;
  throw new DecodeError(`${table}.${column.name} should be a date, got ${JSON.stringify(value)}`);
}

// Writes prepared batches to the raw ClickHouse tables. Writes are idempotent (the LSN is the row
// version), so a batch that is retried or replayed after a crash leaves the same state. The progress
// row is written last: it records what has been applied.
import type { ClickHouseSettings } from '@clickhouse/client';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { documentChildren, sourceTables, type DocumentTable, type SourceTable } from '../source-tables.js';
import { rawColumns } from '../debezium/decode.js';
import { topicFor } from '../debezium/envelope.js';
import { Verdict, withhold, type ChildDocuments, type DeadLetter, type PreparedBatch } from './batch-builder.js';
import { warehouseGuard, type DocumentGuard } from './document-guard.js';
import { purgeDocumentFacts, type PurgedDocuments } from './document-facts.js';

export interface BatchResult {
  batchId: string;
  rows: number;
  secretDropped: number;
  /** Child rows not written because a document they point at is secret, deleted or unknown. */
  childrenWithheld: number;
  deadLetters: number;
  skipped: number;
  maxLsn: number;
  maxSourceTsMs: number;
  /** The oldest source commit time among the batch's changes: everything before it that the batch carries is older. */
  minSourceTsMs: number;
  /** Source tables this batch wrote rows to (models downstream of them need a refresh). */
  tables: SourceTable[];
  /** Documents that turned secret, purged with their facts (the refresher purges them again after its next build). */
  purged: PurgedDocuments;
}

export interface RawWriterOptions {
  /** Name of the source in the progress table: "simulator", "kafka", "pg-direct". */
  source: string;
  /** Retries of a failed insert before the error is raised, with doubling back-off. */
  retries?: number;
  onDeadLetter?: (letter: { source: string; position: string; reason: string }) => void;
  /**
   * Decides which child rows may be written (writers/document-guard.ts). Default: the warehouse,
   * which is right only for a complete stream in source order (the simulator's); the Kafka and
   * pg-direct sources pass the source guard.
   */
  guard?: DocumentGuard;
}

const countChildrenSql = readSql(new URL('./count_children.sql', import.meta.url));
const keptDeadLettersSql = readSql(new URL('./kept_dead_letters.sql', import.meta.url));

/**
 * Purges and child look-ups of all batches, one at a time: Kafka writes several tables' batches at
 * once, and a child batch that looked its documents up as clear must not write after a document
 * batch purged that document's children (the purge only touches rows that exist when it runs).
 */
let guardLock: Promise<unknown> = Promise.resolve();
function underGuardLock<T>(work: () => Promise<T>): Promise<T> {
  const result = guardLock.then(work);
  guardLock = result.catch(() => undefined);
  return result;
}

/** Each child table and column that points at a document table. */
const childLinks = Object.entries(documentChildren).flatMap(([table, links]) =>
  links!.map((link) => ({ table: table as SourceTable, column: link.column, document: link.document })));

const columnLists = new Map<string, string>(
  Object.keys(sourceTables).map((table) => [table, rawColumns(table as SourceTable).join(', ')]),
);

export async function writeBatch(client: Warehouse, batch: PreparedBatch, options: RawWriterOptions): Promise<BatchResult> {
  const id = batch.batchId;
  const insert = (target: string, body: string, settings: ClickHouseSettings = {}) =>
    insertWithRetries(client, target, body, id, options.retries ?? 5, settings);
  // Rows the warehouse refuses for their data (insertRefusingRows), kept as dead letters; each once,
  // though an agency's line is written to two tables.
  const refused = new Map<string, DeadLetter>();
  const insertRows = async (table: SourceTable, target: string, body: string, settings: ClickHouseSettings = {}) => {
    for (const { line, reason } of await insertRefusingRows((part) => insert(target, part, settings), body)) {
      refused.set(line, { source: topicFor(table), position: refusedPosition(table, line), reason, payload: line });
    }
  };
  const guard = options.guard ?? warehouseGuard(client);
  // Before the batch's rows (which hold the tombstones): a mutation only touches parts that exist.
  const purgedChildTables = await underGuardLock(async () => {
    for (const { table, ids } of batch.purge) await purgeWhere(client, table, 'id', ids, `${id}-purge-${table}`);
    await purgeDocumentFacts(client, purgedDocuments(batch), id);
    return purgeChildren(client, batch, id);
  });
  // From the stream alone, a child's documents are decided by what the warehouse held before this
  // batch (the batch's own say is in the verdicts); from the source, at the moment of writing.
  const early = guard.authoritative ? undefined : await decideChildren(guard, batch);
  for (const { table, body } of batch.rows) {
    // Timestamps are already in ClickHouse's own text form: the strict parser is the fast one.
    for (const target of versionTargets(table)) await insertRows(table, `${target} (${columnLists.get(table)}) format TabSeparated`, body, { date_time_input_format: 'basic' });
  }
  for (const { table, lines } of batch.tombstones) {
    for (const target of versionTargets(table)) await insertRows(table, `${target} format JSONEachRow`, lines.join('\n'));
  }
  const written = await underGuardLock(async () => {
    const decided = early ?? await decideChildren(guard, batch);
    const tables: SourceTable[] = [];
    let rows = 0;
    for (const [i, { table, lines }] of batch.children.entries()) {
      const keep = lines.filter((_, row) => decided.rows[i]![row]);
      if (keep.length === 0) continue;
      await insertRows(table, `eoffice_raw.${table} (${columnLists.get(table)}) format TabSeparated`, keep.join('\n'), { date_time_input_format: 'basic' });
      tables.push(table);
      rows += keep.length;
    }
    return { tables, rows, letters: decided.letters };
  });
  const childrenWithheld = batch.children.reduce((n, c) => n + c.lines.length, 0) - written.rows;
  for (const [i, letter] of batch.deadLetters.entries()) if (!written.letters[i]) withhold(letter);
  const json = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
  if (batch.secrets.length > 0) await insert('eoffice_raw._secret_dropped format JSONEachRow', json(batch.secrets));
  const letters = [...batch.deadLetters, ...refused.values()];
  const newLetters = await lettersNotKept(client, letters);
  if (newLetters.length > 0) await insert('eoffice_raw._dead_letter format JSONEachRow', json(newLetters));
  // Written last: the progress row says this batch has been applied.
  if (batch.maxLsn > 0) {
    await insert('eoffice_raw._ingest_progress format JSONEachRow', json([{
      source: options.source,
      batch_id: id,
      max_lsn: batch.maxLsn,
      max_source_ts: new Date(batch.maxSourceTsMs).toISOString(),
      events: batch.events,
    }]));
  }
  for (const letter of letters) options.onDeadLetter?.({ source: letter.source, position: letter.position, reason: letter.reason });
  return {
    batchId: id,
    rows: batch.rows.reduce((n, r) => n + r.count, 0) + batch.tombstones.reduce((n, t) => n + t.lines.length, 0) + written.rows - refused.size,
    secretDropped: batch.secrets.length,
    childrenWithheld,
    deadLetters: letters.length,
    skipped: batch.skipped,
    maxLsn: batch.maxLsn,
    maxSourceTsMs: batch.maxSourceTsMs,
    minSourceTsMs: batch.minSourceTsMs,
    tables: [...new Set([...batch.rows.map((r) => r.table), ...batch.tombstones.map((t) => t.table), ...written.tables, ...purgedChildTables])],
    purged: purgedDocuments(batch),
  };
}

function purgedDocuments(batch: PreparedBatch): PurgedDocuments {
  return batch.purge.flatMap(({ table, ids }) => (table === 'incoming_document' || table === 'outgoing_document' ? [{ table, ids }] : []));
}

/**
 * Where a table's versions are written: its raw table, and for agencies also agency_history, which
 * keeps every version (migration 0004: a rename or a move survives only there).
 */
function versionTargets(table: SourceTable): string[] {
  return table === 'agency' ? ['eoffice_raw.agency', 'eoffice_raw.agency_history'] : [`eoffice_raw.${table}`];
}

/** Every stored version of the rows matching `column in ids`, removed from the parts (a mutation, not a mark). */
async function purgeWhere(client: Warehouse, table: SourceTable, column: string, ids: number[], queryId: string): Promise<void> {
  await client.command({
    query: `alter table eoffice_raw.${table} delete where ${column} in {ids:Array(Int64)}`,
    query_params: { ids },
    clickhouse_settings: { mutations_sync: '2' },
    query_id: `ingest-${queryId}`,
  });
}

/**
 * The children of documents that became secret leave with them. Behind the publication's row
 * filter that change arrives as a delete, which cannot be told from a real one, so every deleted
 * document is purged there with its children (BatchBuilder): a really deleted document's children
 * are deleted in the source as well, so the warehouse ends the same. Returns the tables that lost rows.
 */
async function purgeChildren(client: Warehouse, batch: PreparedBatch, batchId: string): Promise<SourceTable[]> {
  const documents = new Map<DocumentTable, Set<number>>();
  const add = (table: SourceTable, ids: number[]) => {
    if (table !== 'incoming_document' && table !== 'outgoing_document') return;
    const set = documents.get(table) ?? new Set<number>();
    for (const docId of ids) set.add(docId);
    documents.set(table, set);
  };
  for (const { table, ids } of batch.purge) add(table, ids);
  const purged: SourceTable[] = [];
  for (const link of childLinks) {
    const ids = [...(documents.get(link.document) ?? [])];
    if (ids.length === 0) continue;
    // Counted first: a mutation rewrites every part it matches, and most deleted documents have no stored children.
    const [count] = await queryRows<{ n: string | number }>(client, countChildrenSql.replaceAll('{table}', link.table).replaceAll('{column}', link.column), { ids });
    if (Number(count?.n) === 0) continue;
    await purgeWhere(client, link.table, link.column, ids, `${batchId}-purge-${link.table}-${link.column}`);
    purged.push(link.table);
  }
  return purged;
}

/**
 * The dead letters the table does not hold yet: a batch delivered again (Kafka after a restart, a
 * replayed file) brings the same events, which are kept once, like the rows of the raw tables. An
 * event is its source and position; its reason is part of it, in case one event ever gives two.
 */
async function lettersNotKept(client: Warehouse, letters: DeadLetter[]): Promise<DeadLetter[]> {
  if (letters.length === 0) return [];
  const key = (letter: Pick<DeadLetter, 'source' | 'position' | 'reason'>) => JSON.stringify([letter.source, letter.position, letter.reason]);
  const kept = new Set((await queryRows<Pick<DeadLetter, 'source' | 'position' | 'reason'>>(client,
    keptDeadLettersSql, { sources: letters.map((letter) => letter.source), positions: letters.map((letter) => letter.position) })).map(key));
  return letters.filter((letter) => {
    if (kept.has(key(letter))) return false;
    kept.add(key(letter));
    return true;
  });
}

/**
 * Which child rows (per `batch.children` entry, per line) and which dead letters may keep their
 * content. A row is kept only if every document it points at is clear: by the batch's own verdict
 * where the stream alone decides, else by the guard.
 */
async function decideChildren(guard: DocumentGuard, batch: PreparedBatch): Promise<{ rows: boolean[][]; letters: boolean[] }> {
  const ask = { incoming_document: new Set<number>(), outgoing_document: new Set<number>() };
  const needs = (d: ChildDocuments) => guard.authoritative || d.verdict === Verdict.Unknown;
  const collect = (d: ChildDocuments) => {
    if (!needs(d)) return;
    if (d.incoming !== null) ask.incoming_document.add(d.incoming);
    if (d.outgoing !== null) ask.outgoing_document.add(d.outgoing);
  };
  const rowDocs = (c: PreparedBatch['children'][number], i: number): ChildDocuments => ({ incoming: c.incoming[i]!, outgoing: c.outgoing[i]!, verdict: c.verdicts[i]! });
  for (const c of batch.children) for (let i = 0; i < c.lines.length; i++) collect(rowDocs(c, i));
  for (const letter of batch.deadLetters) if (letter.documents) collect(letter.documents);
  const clear = {
    incoming_document: await guard.clear('incoming_document', [...ask.incoming_document]),
    outgoing_document: await guard.clear('outgoing_document', [...ask.outgoing_document]),
  };
  const allowed = (d: ChildDocuments) => {
    if (!needs(d)) return d.verdict === Verdict.Clear;
    return (d.incoming === null || clear.incoming_document.has(d.incoming)) && (d.outgoing === null || clear.outgoing_document.has(d.outgoing));
  };
  return {
    rows: batch.children.map((c) => c.lines.map((_, i) => allowed(rowDocs(c, i)))),
    // Letters of other tables, and those already withheld by the builder, are left as they are.
    letters: batch.deadLetters.map((letter) => !letter.documents || allowed(letter.documents)),
  };
}

/**
 * ClickHouse's errors about the data itself (a value it cannot parse, out of its type's range…): the
 * same insert fails again however often it is retried.
 */
const dataErrors = new Set([
  'CANNOT_PARSE_TEXT', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED', 'CANNOT_PARSE_QUOTED_STRING', 'CANNOT_PARSE_ESCAPE_SEQUENCE',
  'CANNOT_PARSE_DATE', 'CANNOT_PARSE_DATETIME', 'CANNOT_PARSE_NUMBER', 'CANNOT_PARSE_BOOL', 'CANNOT_PARSE_UUID',
  'CANNOT_READ_ALL_DATA', 'ATTEMPT_TO_READ_AFTER_EOF', 'INCORRECT_DATA', 'INCORRECT_NUMBER_OF_COLUMNS', 'TOO_LARGE_STRING_SIZE',
  'VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE', 'CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN', 'DECIMAL_OVERFLOW', 'ARGUMENT_OUT_OF_BOUND',
  'UNKNOWN_ELEMENT_IN_ENUM', 'CANNOT_CONVERT_TYPE', 'TYPE_MISMATCH',
]);

/** An insert the warehouse refused for its data; `reason` says why, in one line. */
class DataRefused extends Error {
  constructor(readonly reason: string, options: ErrorOptions) {
    super(reason, options);
  }
}

/** One INSERT statement with the data inline: measured 2.5× faster than the client's streaming insert on chDB, and the same statement works over HTTP. */
async function insertWithRetries(client: Warehouse, target: string, body: string, batchId: string, retries: number, settings: ClickHouseSettings): Promise<void> {
  const table = target.split(' ')[0]!;
  for (let attempt = 0; ; attempt++) {
    try {
      await client.command({ query: `insert into ${target}\n${body}`, query_id: `ingest-${batchId}-${table}-${attempt}`, clickhouse_settings: settings });
      return;
    } catch (error) {
      const type = (error as { type?: unknown }).type;
      if (typeof type === 'string' && dataErrors.has(type)) {
        const firstLine = (error as Error).message.split('\n')[0]!.trim();
        throw new DataRefused(`the warehouse refused the row (${type}): ${firstLine.length > 300 ? `${firstLine.slice(0, 300)}…` : firstLine}`, { cause: error });
      }
      if (attempt >= retries) {
        throw new Error(`insert into ${table} failed after ${attempt + 1} attempts: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

/**
 * Inserts rows of line-per-row text (TabSeparated or JSONEachRow: a value's line breaks are escaped).
 * When the warehouse refuses the data (a row the decoder let through that ClickHouse cannot take),
 * the lines are inserted again in halves until each refused line stands alone; those are returned,
 * to be kept as dead letters, and every other row is written, so one bad row neither stops the
 * stream nor takes its batch with it. Raw writes are idempotent (the LSN is the version), so rows
 * written again by a half change nothing. When every row of several is refused, the fault is taken
 * to be the warehouse's (a column whose type a deployment changed), not the rows', and raised, as
 * any other error (the warehouse down, out of memory) is after its retries: rows are set aside only
 * for a reason in them.
 */
async function insertRefusingRows(insert: (body: string) => Promise<void>, body: string): Promise<{ line: string; reason: string }[]> {
  try {
    await insert(body);
    return [];
  } catch (error) {
    if (!(error instanceof DataRefused)) throw error;
    const lines = body.split('\n');
    const refused = await refusedLines(insert, lines, error);
    if (lines.length > 1 && refused.length === lines.length) throw new Error(`every one of ${lines.length} rows was refused: ${error.reason}`, { cause: error });
    return refused;
  }
}

/** The lines of an insert the warehouse refused (`refusal`) that it refuses on their own: each half inserted again, and so on. */
async function refusedLines(insert: (body: string) => Promise<void>, lines: string[], refusal: DataRefused): Promise<{ line: string; reason: string }[]> {
  if (lines.length === 1) return [{ line: lines[0]!, reason: refusal.reason }];
  const half = Math.ceil(lines.length / 2);
  const refused: { line: string; reason: string }[] = [];
  for (const part of [lines.slice(0, half), lines.slice(half)]) {
    try {
      await insert(part.join('\n'));
    } catch (error) {
      if (!(error instanceof DataRefused)) throw error;
      refused.push(...await refusedLines(insert, part, error));
    }
  }
  return refused;
}

/** A refused row's LSN (its `_version`), the position its dead letter is kept under, as the direct path's letters are. */
function refusedPosition(table: SourceTable, line: string): string {
  if (line.startsWith('{')) {
    try {
      return String((JSON.parse(line) as { _version?: unknown })._version ?? 'unknown');
    } catch {
      return 'unknown';
    }
  }
  return line.split('\t')[sourceTables[table].length] ?? 'unknown';
}

// Writes prepared batches to the raw ClickHouse tables. Writes are idempotent (the LSN is the row
// version), so a batch that is retried or replayed after a crash leaves the same state. The progress
// row is written last: it records what has been applied.
import type { ClickHouseSettings } from '@clickhouse/client';
import type { Warehouse } from '@vanban/common';
import { sourceTables, type SourceTable } from '../source-tables.js';
import { rawColumns } from '../debezium/decode.js';
import type { PreparedBatch } from './batch-builder.js';

export interface BatchResult {
  batchId: string;
  rows: number;
  secretDropped: number;
  deadLetters: number;
  skipped: number;
  maxLsn: number;
  maxSourceTsMs: number;
  /** Source tables this batch wrote rows to (models downstream of them need a refresh). */
  tables: SourceTable[];
}

export interface RawWriterOptions {
  /** Name of the source in the progress table: "simulator", "kafka", "pg-direct". */
  source: string;
  /** Retries of a failed insert before the error is raised, with doubling back-off. */
  retries?: number;
  onDeadLetter?: (letter: { source: string; position: string; reason: string }) => void;
}

const columnLists = new Map<string, string>(
  Object.keys(sourceTables).map((table) => [table, rawColumns(table as SourceTable).join(', ')]),
);

export async function writeBatch(client: Warehouse, batch: PreparedBatch, options: RawWriterOptions): Promise<BatchResult> {
  const id = batch.batchId;
  const insert = (target: string, body: string, settings: ClickHouseSettings = {}) =>
    insertWithRetries(client, target, body, id, options.retries ?? 5, settings);
  // Before the batch's rows (which hold the tombstones): a mutation only touches parts that exist.
  for (const { table, ids } of batch.purge) {
    await client.command({
      query: `alter table eoffice_raw.${table} delete where id in {ids:Array(Int64)}`,
      query_params: { ids },
      clickhouse_settings: { mutations_sync: '2' },
      query_id: `ingest-${id}-purge-${table}`,
    });
  }
  for (const { table, body } of batch.rows) {
    // Timestamps are already in ClickHouse's own text form: the strict parser is the fast one.
    await insert(`eoffice_raw.${table} (${columnLists.get(table)}) format TabSeparated`, body, { date_time_input_format: 'basic' });
  }
  for (const { table, lines } of batch.tombstones) await insert(`eoffice_raw.${table} format JSONEachRow`, lines.join('\n'));
  const json = (rows: object[]) => rows.map((row) => JSON.stringify(row)).join('\n');
  if (batch.secrets.length > 0) await insert('eoffice_raw._secret_dropped format JSONEachRow', json(batch.secrets));
  if (batch.deadLetters.length > 0) await insert('eoffice_raw._dead_letter format JSONEachRow', json(batch.deadLetters));
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
  for (const letter of batch.deadLetters) options.onDeadLetter?.({ source: letter.source, position: letter.position, reason: letter.reason });
  return {
    batchId: id,
    rows: batch.rows.reduce((n, r) => n + r.count, 0) + batch.tombstones.reduce((n, t) => n + t.lines.length, 0),
    secretDropped: batch.secrets.length,
    deadLetters: batch.deadLetters.length,
    skipped: batch.skipped,
    maxLsn: batch.maxLsn,
    maxSourceTsMs: batch.maxSourceTsMs,
    tables: [...new Set([...batch.rows.map((r) => r.table), ...batch.tombstones.map((t) => t.table)])],
  };
}

/** One INSERT statement with the data inline: measured 2.5× faster than the client's streaming insert on chDB, and the same statement works over HTTP. */
async function insertWithRetries(client: Warehouse, target: string, body: string, batchId: string, retries: number, settings: ClickHouseSettings): Promise<void> {
  const table = target.split(' ')[0]!;
  for (let attempt = 0; ; attempt++) {
    try {
      await client.command({ query: `insert into ${target}\n${body}`, query_id: `ingest-${batchId}-${table}-${attempt}`, clickhouse_settings: settings });
      return;
    } catch (error) {
      if (attempt >= retries) {
        throw new Error(`insert into ${table} failed after ${attempt + 1} attempts: ${(error as Error).message}`, { cause: error });
      }
      await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
    }
  }
}

// Buffers decoded changes and writes them to the raw ClickHouse tables in batches. Writes are
// idempotent (the LSN is the row version), so a batch that is retried or replayed after a crash
// leaves the same state. The progress row is written last: it records what has been applied.
import { randomUUID } from 'node:crypto';
import type { ClickHouseSettings } from '@clickhouse/client';
import type { Warehouse } from '@vanban/common';
import { sourceTables, type SourceTable } from '../source-tables.js';
import { decodeMessage, rawColumns, type RawValue } from '../debezium/decode.js';
import type { ChangeMessage } from '../debezium/envelope.js';

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

interface SecretCount { source_table: string; agency_id: number; day: string; position: string }
interface DeadLetter { source: string; position: string; reason: string; payload: string }

export interface RawWriterOptions {
  /** Name of the source in the progress table: "simulator", "kafka", "pg-direct". */
  source: string;
  /** Retries of a failed insert before the error is raised, with doubling back-off. */
  retries?: number;
  onDeadLetter?: (letter: { source: string; position: string; reason: string }) => void;
}

export class RawWriter {
  /**
   * Rows per table, already serialised as TabSeparated lines: turning each decoded row into text at
   * once keeps the objects short-lived (measured: a quarter of ingest time went to GC otherwise),
   * and ClickHouse parses TabSeparated in half the time of JSONEachRow (measured on chDB).
   */
  private rows = new Map<SourceTable, { ids: number[]; lines: string[] }>();
  /** Field-less delete markers of secret documents, as JSONEachRow (their other columns take defaults). */
  private tombstones = new Map<SourceTable, string[]>();
  /** Ids of documents that turned out secret: every stored version of them is purged. */
  private purge = new Map<SourceTable, Set<number>>();
  private secrets: SecretCount[] = [];
  private deadLetters: DeadLetter[] = [];
  private pendingMessages = 0;
  private skipped = 0;
  private maxLsn = 0;
  private maxSourceTsMs = 0;

  constructor(private readonly client: Warehouse, private readonly options: RawWriterOptions) {}

  /** Messages taken since the last flush. */
  get pending(): number {
    return this.pendingMessages;
  }

  add(message: ChangeMessage): void {
    this.pendingMessages++;
    const outcome = decodeMessage(message);
    switch (outcome.kind) {
      case 'row':
        this.push(outcome.table, outcome.id, outcome.values);
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
      case 'secret': {
        const id = outcome.tombstone['id'] as number;
        // A document that became secret loses every earlier version, in this batch and in the table.
        if (outcome.purge) {
          const buffered = this.rows.get(outcome.table);
          if (buffered) {
            const keep = buffered.ids.map((rowId) => rowId !== id);
            this.rows.set(outcome.table, { ids: buffered.ids.filter((_, i) => keep[i]), lines: buffered.lines.filter((_, i) => keep[i]) });
          }
          let ids = this.purge.get(outcome.table);
          if (!ids) this.purge.set(outcome.table, (ids = new Set()));
          ids.add(id);
        }
        let tombstones = this.tombstones.get(outcome.table);
        if (!tombstones) this.tombstones.set(outcome.table, (tombstones = []));
        tombstones.push(JSON.stringify(outcome.tombstone));
        this.secrets.push({
          source_table: outcome.table,
          agency_id: outcome.agencyId ?? 0,
          day: outcome.day ?? '1970-01-01',
          position: String(outcome.lsn),
        });
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
      }
      case 'skip':
        this.skipped++;
        return;
      case 'dead-letter': {
        const letter = { source: message.source, position: message.position, reason: outcome.reason };
        this.deadLetters.push({
          ...letter,
          payload: outcome.redacted ? '(withheld: the payload mentions a secret document)' : (message.value ?? ''),
        });
        this.options.onDeadLetter?.(letter);
        return;
      }
    }
  }

  /** Writes what has been taken since the last flush. */
  async flush(): Promise<BatchResult | undefined> {
    return this.takeBatch()?.();
  }

  /**
   * Takes the buffered batch synchronously and returns the write to run, so that the caller can
   * decode the next batch while this one is being inserted (at most one write in flight).
   */
  takeBatch(): (() => Promise<BatchResult>) | undefined {
    if (this.pendingMessages === 0) return undefined;
    const batch = { rows: this.rows, tombstones: this.tombstones, purge: this.purge, secrets: this.secrets, deadLetters: this.deadLetters, events: this.pendingMessages };
    const result: BatchResult = {
      batchId: randomUUID(),
      rows: [...batch.rows.values()].reduce((n, rows) => n + rows.lines.length, 0)
        + [...batch.tombstones.values()].reduce((n, lines) => n + lines.length, 0),
      secretDropped: batch.secrets.length,
      deadLetters: batch.deadLetters.length,
      skipped: this.skipped,
      maxLsn: this.maxLsn,
      maxSourceTsMs: this.maxSourceTsMs,
      tables: [...new Set([...this.rows.keys(), ...this.tombstones.keys()])],
    };
    this.rows = new Map();
    this.tombstones = new Map();
    this.purge = new Map();
    this.secrets = [];
    this.deadLetters = [];
    this.pendingMessages = 0;
    this.skipped = 0;
    return async () => {
      const id = result.batchId;
      // Before the batch's rows (which hold the tombstones): a mutation only touches parts that exist.
      for (const [table, ids] of batch.purge) {
        await this.client.command({
          query: `alter table eoffice_raw.${table} delete where id in {ids:Array(Int64)}`,
          query_params: { ids: [...ids] },
          clickhouse_settings: { mutations_sync: '2' },
          query_id: `ingest-${id}-purge-${table}`,
        });
      }
      for (const [table, rows] of batch.rows) {
        // Timestamps are already in ClickHouse's own text form: the strict parser is the fast one.
        await this.insertLines(`eoffice_raw.${table} (${columnLists[table]}) format TabSeparated`, rows.lines, id, { date_time_input_format: 'basic' });
      }
      for (const [table, lines] of batch.tombstones) await this.insertLines(`eoffice_raw.${table} format JSONEachRow`, lines, id);
      if (batch.secrets.length > 0) await this.insert('eoffice_raw._secret_dropped', batch.secrets, id);
      if (batch.deadLetters.length > 0) await this.insert('eoffice_raw._dead_letter', batch.deadLetters, id);
      // Written last: the progress row says this batch has been applied.
      if (result.maxLsn > 0) {
        await this.insert('eoffice_raw._ingest_progress', [{
          source: this.options.source,
          batch_id: id,
          max_lsn: result.maxLsn,
          max_source_ts: new Date(result.maxSourceTsMs).toISOString(),
          events: batch.events,
        }], id);
      }
      return result;
    };
  }

  private push(table: SourceTable, id: number, values: RawValue[]): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = { ids: [], lines: [] }));
    list.ids.push(id);
    let line = tsvField(values[0]!);
    for (let i = 1; i < values.length; i++) line += '\t' + tsvField(values[i]!);
    list.lines.push(line);
  }

  private advance(lsn: number, tsMs: number): void {
    if (lsn > this.maxLsn) this.maxLsn = lsn;
    if (tsMs > this.maxSourceTsMs) this.maxSourceTsMs = tsMs;
  }

  private insert(table: string, values: object[], batchId: string): Promise<void> {
    return this.insertLines(`${table} format JSONEachRow`, values.map((row) => JSON.stringify(row)), batchId);
  }

  /** `target` is the table, its column list if any, and the format. */
  private async insertLines(target: string, lines: string[], batchId: string, settings: ClickHouseSettings = {}): Promise<void> {
    const retries = this.options.retries ?? 5;
    const table = target.split(' ')[0]!;
    // One INSERT statement with the data inline: measured 2.5× faster than the client's streaming
    // insert on chDB, and the same statement works over HTTP.
    const body = lines.join('\n');
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.command({
          query: `insert into ${target}\n${body}`,
          query_id: `ingest-${batchId}-${table}-${attempt}`,
          clickhouse_settings: settings,
        });
        return;
      } catch (error) {
        if (attempt >= retries) {
          throw new Error(`insert into ${table} failed after ${attempt + 1} attempts: ${(error as Error).message}`, { cause: error });
        }
        await new Promise((resolve) => setTimeout(resolve, 200 * 2 ** attempt));
      }
    }
  }
}

const columnLists = Object.fromEntries(
  Object.keys(sourceTables).map((table) => [table, rawColumns(table as SourceTable).join(', ')]),
) as Record<SourceTable, string>;

const needsEscape = /[\t\n\r\\]/;
const escapes: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\\': '\\\\' };

/** One value in ClickHouse's TabSeparated escaping; null is \N. */
function tsvField(value: RawValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return needsEscape.test(value) ? value.replace(/[\t\n\r\\]/g, (c) => escapes[c]!) : value;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

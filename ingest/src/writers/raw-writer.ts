// Buffers decoded changes and writes them to the raw ClickHouse tables in batches. Writes are
// idempotent (the LSN is the row version), so a batch that is retried or replayed after a crash
// leaves the same state. The progress row is written last: it records what has been applied.
import { randomUUID } from 'node:crypto';
import type { Warehouse } from '@vanban/common';
import type { SourceTable } from '../source-tables.js';
import { decodeMessage, type RawRow } from '../debezium/decode.js';
import type { ChangeMessage } from '../debezium/envelope.js';

export interface BatchResult {
  batchId: string;
  rows: number;
  secretDropped: number;
  deadLetters: number;
  skipped: number;
  maxLsn: number;
  maxSourceTsMs: number;
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
  private rows = new Map<SourceTable, RawRow[]>();
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
        this.push(outcome.table, outcome.row);
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
      case 'secret':
        this.push(outcome.table, outcome.tombstone);
        this.secrets.push({
          source_table: outcome.table,
          agency_id: outcome.agencyId ?? 0,
          day: outcome.day ?? '1970-01-01',
          position: String(outcome.lsn),
        });
        this.advance(outcome.lsn, outcome.sourceTsMs);
        return;
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

  async flush(): Promise<BatchResult | undefined> {
    if (this.pendingMessages === 0) return undefined;
    const batchId = randomUUID();
    let rowCount = 0;
    for (const [table, rows] of this.rows) {
      rowCount += rows.length;
      await this.insert(`eoffice_raw.${table}`, rows, batchId);
    }
    if (this.secrets.length > 0) await this.insert('eoffice_raw._secret_dropped', this.secrets, batchId);
    if (this.deadLetters.length > 0) await this.insert('eoffice_raw._dead_letter', this.deadLetters, batchId);
    const result: BatchResult = {
      batchId,
      rows: rowCount,
      secretDropped: this.secrets.length,
      deadLetters: this.deadLetters.length,
      skipped: this.skipped,
      maxLsn: this.maxLsn,
      maxSourceTsMs: this.maxSourceTsMs,
    };
    if (this.maxLsn > 0) {
      await this.insert('eoffice_raw._ingest_progress', [{
        source: this.options.source,
        batch_id: batchId,
        max_lsn: this.maxLsn,
        max_source_ts: new Date(this.maxSourceTsMs).toISOString(),
        events: this.pendingMessages,
      }], batchId);
    }
    this.rows = new Map();
    this.secrets = [];
    this.deadLetters = [];
    this.pendingMessages = 0;
    this.skipped = 0;
    return result;
  }

  private push(table: SourceTable, row: RawRow): void {
    let list = this.rows.get(table);
    if (!list) this.rows.set(table, (list = []));
    list.push(row);
  }

  private advance(lsn: number, tsMs: number): void {
    if (lsn > this.maxLsn) this.maxLsn = lsn;
    if (tsMs > this.maxSourceTsMs) this.maxSourceTsMs = tsMs;
  }

  private async insert(table: string, values: object[], batchId: string): Promise<void> {
    const retries = this.options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.insert({ table, values, format: 'JSONEachRow', query_id: `ingest-${batchId}-${table}-${attempt}` });
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

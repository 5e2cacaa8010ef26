// The ingest loop shared by every source: take messages, decode them into batches, write each batch
// when it is full, and always flush what is in hand at the end. Decoding runs in worker threads
// while the main thread writes; batches are written one at a time, in the order they were read.
import { availableParallelism } from 'node:os';
import type { Warehouse } from '@vanban/common';
import type { SourceTransaction } from './source-tables.js';
import { encodeTransaction, LsnClock } from './debezium/encode.js';
import type { ChangeMessage } from './debezium/envelope.js';
import { BatchBuilder, type PreparedBatch } from './writers/batch-builder.js';
import { writeBatch, type BatchResult, type RawWriterOptions } from './writers/raw-writer.js';
import { DecodePool } from './decode-pool.js';

export interface IngestOptions extends RawWriterOptions {
  /** Messages per batch; cdc-notes suggests 10 k–100 k rows per insert. */
  batchSize?: number;
  /**
   * Decode worker threads; 0 decodes on the main thread. Default: one per core, at most two
   * (measured on 2 cores, 1 M events: 0 → 45–51 k/s, 1 → 64–70 k/s, 2 → 68–76 k/s).
   */
  decodeWorkers?: number;
  onBatch?: (batch: BatchResult) => void | Promise<void>;
}

export interface IngestTotals {
  messages: number;
  rows: number;
  secretDropped: number;
  /** Child rows not written because a document they point at is secret (or unknown). */
  childrenWithheld: number;
  deadLetters: number;
  batches: number;
}

export async function ingestMessages(
  client: Warehouse,
  messages: AsyncIterable<ChangeMessage> | Iterable<ChangeMessage>,
  options: IngestOptions,
): Promise<IngestTotals> {
  const batchSize = options.batchSize ?? 50_000;
  const workers = options.decodeWorkers ?? Math.min(2, availableParallelism());
  const writer = new OrderedWriter(client, options, Math.max(1, workers) + 1);
  const pool = workers > 0 ? new DecodePool(workers) : undefined;
  const builder = new BatchBuilder();
  let chunk: ChangeMessage[] = [];
  const submit = async () => {
    if (pool) {
      if (chunk.length === 0) return;
      const decoded = pool.decode(chunk);
      chunk = [];
      await writer.push(decoded);
    } else {
      await writer.push(Promise.resolve(builder.take()));
    }
  };
  try {
    for await (const message of messages) {
      writer.totals.messages++;
      if (pool) chunk.push(message);
      else builder.add(message);
      if ((pool ? chunk.length : builder.pending) >= batchSize) await submit();
    }
    await submit();
    return await writer.finish();
  } finally {
    await pool?.close();
  }
}

/**
 * The simulator's transactions written straight to the raw tables: each change decoded by the same
 * code as its Debezium message, without writing and parsing the message (nor the null-valued Kafka
 * tombstone after a delete, which the decoder skips anyway). The warehouse ends the same as
 * through `ingestMessages(debeziumMessages(…))` (tested); it exists for bulk loads such as scale 1.
 */
export async function ingestTransactions(
  client: Warehouse,
  transactions: AsyncIterable<SourceTransaction> | Iterable<SourceTransaction>,
  options: Omit<IngestOptions, 'decodeWorkers'>,
  lsns = new LsnClock(),
): Promise<IngestTotals> {
  const batchSize = options.batchSize ?? 50_000;
  // Decoding is on this thread; one batch is built while the previous one is written.
  const writer = new OrderedWriter(client, options, 1);
  const builder = new BatchBuilder();
  for await (const tx of transactions) {
    const tsMs = Date.parse(tx.commitTime);
    // The LSNs encodeTransaction would give: one per change, then the commit's.
    for (const change of tx.changes) builder.addChange(change, lsns.take(), tx.txId, tsMs);
    lsns.take(56);
    writer.totals.messages += tx.changes.length;
    if (builder.pending >= batchSize) await writer.push(Promise.resolve(builder.take()));
  }
  await writer.push(Promise.resolve(builder.take()));
  return writer.finish();
}

/**
 * Writes batches one at a time, in the order they were pushed, while later ones are still being
 * decoded: at most `maxPending` wait, so memory stays bounded and a slow warehouse slows the
 * reading down (back-pressure). A failed write stops the ingest rather than skip a batch.
 */
class OrderedWriter {
  readonly totals: IngestTotals = { messages: 0, rows: 0, secretDropped: 0, childrenWithheld: 0, deadLetters: 0, batches: 0 };
  private pending: Promise<PreparedBatch | undefined>[] = [];
  private inFlight: Promise<void> | undefined;

  constructor(private client: Warehouse, private options: IngestOptions, private maxPending: number) {}

  async push(batch: Promise<PreparedBatch | undefined>): Promise<void> {
    batch.catch(() => undefined); // awaited in order by writeOldest; this only marks it handled
    this.pending.push(batch);
    if (this.pending.length >= this.maxPending) await this.writeOldest();
  }

  async finish(): Promise<IngestTotals> {
    while (this.pending.length > 0) await this.writeOldest();
    await this.inFlight;
    return this.totals;
  }

  private async writeOldest(): Promise<void> {
    const batch = await this.pending.shift()!;
    await this.inFlight; // throws if the previous write failed
    if (!batch) return;
    this.inFlight = writeBatch(this.client, batch, this.options).then(async (result) => {
      this.totals.rows += result.rows;
      this.totals.secretDropped += result.secretDropped;
      this.totals.childrenWithheld += result.childrenWithheld;
      this.totals.deadLetters += result.deadLetters;
      this.totals.batches++;
      await this.options.onBatch?.(result);
    });
    this.inFlight.catch(() => undefined); // awaited by the next write or finish(); this only marks it handled
  }
}

/** Turns simulated source transactions into the Debezium messages the connector would publish. */
export async function* debeziumMessages(
  transactions: AsyncIterable<SourceTransaction> | Iterable<SourceTransaction>,
  lsns = new LsnClock(),
): AsyncGenerator<ChangeMessage> {
  for await (const tx of transactions) yield* encodeTransaction(tx, lsns);
}

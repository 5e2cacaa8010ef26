// The ingest loop shared by every source: take messages, decode them into batches, write each batch
// when it is full, and always flush what is in hand at the end.
import type { Warehouse } from '@vanban/common';
import type { SourceTransaction } from './source-tables.js';
import { encodeTransaction, LsnClock } from './debezium/encode.js';
import type { ChangeMessage } from './debezium/envelope.js';
import { RawWriter, type BatchResult, type RawWriterOptions } from './writers/raw-writer.js';

export interface IngestOptions extends RawWriterOptions {
  /** Messages per batch; cdc-notes suggests 10 k–100 k rows per insert. */
  batchSize?: number;
  onBatch?: (batch: BatchResult) => void | Promise<void>;
}

export interface IngestTotals {
  messages: number;
  rows: number;
  secretDropped: number;
  deadLetters: number;
  batches: number;
}

export async function ingestMessages(
  client: Warehouse,
  messages: AsyncIterable<ChangeMessage> | Iterable<ChangeMessage>,
  options: IngestOptions,
): Promise<IngestTotals> {
  const writer = new RawWriter(client, options);
  const batchSize = options.batchSize ?? 50_000;
  const totals: IngestTotals = { messages: 0, rows: 0, secretDropped: 0, deadLetters: 0, batches: 0 };
  // One batch is written while the next is decoded: memory stays bounded at two batches.
  let inFlight: Promise<void> | undefined;
  const flush = async () => {
    const write = writer.takeBatch();
    await inFlight;
    inFlight = undefined;
    if (!write) return;
    inFlight = write().then(async (batch) => {
      totals.rows += batch.rows;
      totals.secretDropped += batch.secretDropped;
      totals.deadLetters += batch.deadLetters;
      totals.batches++;
      await options.onBatch?.(batch);
    });
  };
  for await (const message of messages) {
    writer.add(message);
    totals.messages++;
    if (writer.pending >= batchSize) await flush();
  }
  await flush();
  await inFlight;
  return totals;
}

/** Turns simulated source transactions into the Debezium messages the connector would publish. */
export async function* debeziumMessages(
  transactions: AsyncIterable<SourceTransaction> | Iterable<SourceTransaction>,
  lsns = new LsnClock(),
): AsyncGenerator<ChangeMessage> {
  for await (const tx of transactions) yield* encodeTransaction(tx, lsns);
}

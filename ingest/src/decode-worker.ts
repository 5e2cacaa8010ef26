// A worker thread that decodes chunks of change messages into prepared batches, so that decoding
// (JSON parsing, mostly) runs beside the main thread's writes on another core.
import { parentPort } from 'node:worker_threads';
import { BatchBuilder } from './writers/batch-builder.js';
import type { ChangeMessage } from './debezium/envelope.js';

const builder = new BatchBuilder();
parentPort!.on('message', ({ id, messages }: { id: number; messages: ChangeMessage[] }) => {
  try {
    for (const message of messages) builder.add(message);
    parentPort!.postMessage({ id, batch: builder.take() });
  } catch (error) {
    builder.take(); // drop the half-built batch; the caller fails the whole chunk
    parentPort!.postMessage({ id, error: (error as Error).stack ?? String(error) });
  }
});

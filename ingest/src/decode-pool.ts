// Worker threads that turn chunks of messages into prepared batches. Chunks are handed out in
// turn and their batches come back in the order they were submitted.
import type { Worker } from 'node:worker_threads';
import { startWorker } from '@vanban/common';
import type { ChangeMessage } from './debezium/envelope.js';
import type { PreparedBatch } from './writers/batch-builder.js';

type Reply = { id: number; batch?: PreparedBatch; error?: string };

const workerModule = new URL('./decode-worker.ts', import.meta.url);

export class DecodePool {
  private readonly workers: Worker[];
  private readonly waiting = new Map<number, { resolve: (b: PreparedBatch | undefined) => void; reject: (e: Error) => void }>();
  private next = 0;

  constructor(size: number) {
    this.workers = Array.from({ length: size }, () => {
      const worker = startWorker(workerModule);
      worker.on('message', ({ id, batch, error }: Reply) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (error) waiter?.reject(new Error(`decode worker failed: ${error}`));
        else waiter?.resolve(batch);
      });
      worker.on('error', (error) => {
        for (const waiter of this.waiting.values()) waiter.reject(error);
        this.waiting.clear();
      });
      return worker;
    });
  }

  decode(messages: ChangeMessage[]): Promise<PreparedBatch | undefined> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.workers[id % this.workers.length]!.postMessage({ id, messages });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

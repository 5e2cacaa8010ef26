// Worker threads that run a module of the project, from source (TypeScript through tsx) or compiled;
// and bytesOnWorker, the API's way of writing a file (a workbook, a letter) off its event loop:
// building one is synchronous work, tens of milliseconds for a small file and seconds for a large
// one, and on the main thread it would hold every other request (and the health probe) that long.
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';

const entry = fileURLToPath(new URL('./worker-entry.mjs', import.meta.url));

/** A worker thread running `module`: a .ts file, e.g. `new URL('./decode-worker.ts', import.meta.url)`. */
export function startWorker(module: URL): Worker {
  return new Worker(entry, { workerData: { module: module.href } });
}

type Waiter = { resolve: (bytes: Buffer) => void; reject: (error: Error) => void };

/**
 * `write` as a function that runs on a worker thread: `module` calls answerWithBytes(write), and
 * `what` names the file in errors ("the workbook"). One thread, started on the first call (loading
 * it takes about half a second) and kept; idle, it does not hold the process open, and a thread that
 * died is replaced on the next call.
 */
export function bytesOnWorker<Input>(module: URL, what: string): (input: Input) => Promise<Buffer> {
  let running: { worker: Worker; waiting: Map<number, Waiter> } | undefined;
  let nextId = 0;
  const start = () => {
    const worker = startWorker(module);
    const waiting = new Map<number, Waiter>();
    worker.on('message', ({ id, bytes, error }: { id: number; bytes?: ArrayBuffer; error?: string }) => {
      const waiter = waiting.get(id);
      waiting.delete(id);
      if (waiting.size === 0) worker.unref();
      if (bytes) waiter?.resolve(Buffer.from(bytes));
      else waiter?.reject(new Error(`writing ${what} failed: ${error}`));
    });
    const fail = (error: Error) => {
      if (running?.worker === worker) running = undefined;
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the worker writing ${what} stopped (exit code ${code}) before writing the file`)));
    return { worker, waiting };
  };
  return (input) => {
    running ??= start();
    const { worker, waiting } = running;
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, input });
    });
  };
}

/** The worker's side of bytesOnWorker: each message's input written by `write`, the bytes handed back. */
export function answerWithBytes<Input>(write: (input: Input) => Promise<Uint8Array>): void {
  parentPort!.on('message', async ({ id, input }: { id: number; input: Input }) => {
    try {
      const bytes = await write(input);
      // Handed over, not copied: the buffer's memory moves to the main thread.
      const transferable = new Uint8Array(bytes).buffer;
      parentPort!.postMessage({ id, bytes: transferable }, [transferable]);
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

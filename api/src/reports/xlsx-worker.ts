// A worker thread that writes reports' workbooks. Building the sheets and zipping them is tens of
// milliseconds of synchronous work for a small report and seconds for the city's year: on the main
// thread it would hold every other request (and the health probe) for that long.
import { parentPort } from 'node:worker_threads';
import type { Report } from './report.js';
import { reportWorkbook } from './xlsx.js';

parentPort!.on('message', async ({ id, report }: { id: number; report: Report }) => {
  try {
    const bytes = await reportWorkbook(report);
    // Handed over, not copied: the buffer's memory moves to the main thread.
    const transferable = new Uint8Array(bytes).buffer;
    parentPort!.postMessage({ id, bytes: transferable }, [transferable]);
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

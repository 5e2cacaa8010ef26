// The direct path as an operator runs it (`npm run ingest -- --source pg-direct`), killed with
// SIGKILL mid-stream and started again: what was not acknowledged to the slot comes again, and the
// warehouse ends equal to the source.
import { test } from 'node:test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import type { SourceTransaction } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from '../support/postgres.js';
import { requireOrSkip } from '../support/ci.js';
import { waitFor } from '../support/cdc.js';
import { assertWarehouseEqualsSource } from '../support/source-compare.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function startIngest(databaseUrl: string, dataDir: string): { child: ChildProcess; batches: () => number } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'ingest.ts'), '--source', 'pg-direct',
    '--database-url', databaseUrl, '--data-dir', dataDir, '--metrics-port', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let batches = 0;
  child.stdout!.on('data', (chunk: Buffer) => {
    batches += chunk.toString().split('"batch written"').length - 1;
    output.push(chunk.toString());
  });
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  return { child, batches: () => batches };
}

/** What the ingest processes printed, shown when the test fails. */
const output: string[] = [];

const exited = (child: ChildProcess) => new Promise((resolve) => child.once('exit', resolve));

test('SIGKILL of the direct ingest mid-stream: the warehouse still equals the source', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t)) return;
  const postgres = await startPostgres({ name: 'direct-kill' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'direct-kill-'));
  const source = new pg.Client({ connectionString: postgres.url });
  let ingest: ReturnType<typeof startIngest> | undefined;
  try {
    const history: SourceTransaction[] = [...simulate({ seed: 12, scale: 0.001, until: '2022-03-31' })];
    const cut = Math.floor(history.length * 0.3);
    await writeToPostgres(postgres.url, history.slice(0, cut));
    await source.connect();
    ingest = startIngest(postgres.url, dataDir);
    // The rest is written once the slot exists and streams, so that it comes through the slot.
    await waitFor('the ingest to stream', 120_000, () => output.join('').includes('streaming from slot'));
    const step = Math.ceil((history.length - cut) / 6);
    for (let i = cut, piece = 0; i < history.length; i += step, piece++) {
      await writeToPostgres(postgres.url, history.slice(i, i + step));
      if (piece === 2) {
        const seen = ingest.batches();
        await waitFor('a batch after the new writes', 60_000, () => ingest!.batches() > seen)
          .catch((error: Error) => { throw new Error(`${error.message}; ingest printed: ${output.join('').slice(-2000)}`); });
        ingest.child.kill('SIGKILL');
        await exited(ingest.child);
        ingest = startIngest(postgres.url, dataDir);
      }
    }
    // Caught up: the slot's acknowledged position has reached the end of the WAL (and stays there).
    const behind = async () => Number((await source.query<{ bytes: string }>(
      "select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn) as bytes from pg_replication_slots where slot_name = 'vanban_direct'")).rows[0]?.bytes ?? Infinity);
    await waitFor('the slot to be acknowledged up to the end of the WAL', 180_000, async () => (await behind()) < 1024);
    ingest.child.kill('SIGTERM');
    await exited(ingest.child);
    ingest = undefined;

    const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
    try {
      await assertWarehouseEqualsSource(postgres.url, warehouse, 10_000);
    } finally {
      await closeWarehouse(warehouse);
    }
  } finally {
    ingest?.child.kill('SIGKILL');
    await source.end().catch(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
    await postgres.stop();
  }
});

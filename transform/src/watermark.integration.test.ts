// The ingest watermark a build vouches for reads the recent batches of the progress log (it grows by a
// row per batch), and the whole log only when nothing arrived in the last hour.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { migrateRaw } from '@vanban/ingest';
import { ingestWatermark } from './build.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'watermark-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const applied = (ts: string, appliedAt: string) => warehouse.command({
  query: `insert into eoffice_raw._ingest_progress (source, batch_id, max_lsn, max_source_ts, events, applied_at)
          values ('pg-direct', '${ts}', 1, '${ts}', 1, ${appliedAt})`,
});

test('the watermark is the newest commit ingested, whether the last batch came a minute or a day ago', async () => {
  await migrateRaw(warehouse);
  assert.equal(await ingestWatermark(warehouse), null, 'nothing ingested: no watermark');
  await applied('2026-03-01 08:00:00.000', "now64(3) - interval 1 day");
  await applied('2026-03-01 09:00:00.000', "now64(3) - interval 2 hour");
  assert.equal(await ingestWatermark(warehouse), '2026-03-01 09:00:00.000', 'no batch in the last hour: the whole log');
  await applied('2026-03-01 09:30:00.000', "now64(3) - interval 1 minute");
  assert.equal(await ingestWatermark(warehouse), '2026-03-01 09:30:00.000');
});

test('only the last hour is read while batches come: an older batch with a newer commit lowers the watermark, never raises it', async () => {
  // Applied two hours ago with a commit newer than anything since (a replay of old changes followed):
  // the whole log would vouch for 10:00; the last hour vouches for less, which is safe.
  await applied('2026-03-01 10:00:00.000', "now64(3) - interval 2 hour");
  assert.equal(await ingestWatermark(warehouse), '2026-03-01 09:30:00.000');
});

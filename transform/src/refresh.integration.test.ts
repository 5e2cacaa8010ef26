// The refresher rebuilds, after each ingest batch, only the models downstream of what changed, and
// ends with exactly the models a full build gives; data_as_of follows the models, not the ingest.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw, LsnClock, type ChangeMessage } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from './build.js';
import { loadModels } from './project.js';
import { ModelRefresher } from './refresh.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'refresh-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Row count and an order-independent checksum of every model table. */
async function modelDigests(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const model of loadModels().filter((m) => m.config.materialized === 'table')) {
    const [row] = await queryRows<{ n: string; h: string }>(warehouse, `select toString(count()) as n, toString(groupBitXor(cityHash64(*))) as h from analytics.${model.name}`);
    out[model.name] = `${row!.n}/${row!.h}`;
  }
  return out;
}

test('refreshing after each batch ends equal to a full build, rebuilding only what changed', { timeout: 300_000 }, async () => {
  await migrateRaw(warehouse);
  const messages: ChangeMessage[] = [];
  for await (const message of debeziumMessages(simulate({ seed: 11, scale: 0.002, until: '2022-09-30' }), new LsnClock())) messages.push(message);
  const cut = Math.floor(messages.length * 0.8);

  const refreshes: string[][] = [];
  const refresher = new ModelRefresher(warehouse, { onRefresh: (r) => { if ('models' in r) refreshes.push(r.models); else throw r.error; } });
  await buildModels(warehouse); // the calendar and every model, on an empty warehouse
  await ingestMessages(warehouse, messages.slice(0, cut), { source: 'test', batchSize: 5_000, onBatch: (b) => refresher.notify(b.tables, b.maxSourceTsMs) });
  await refresher.idle();
  // The rest in small batches while builds run: they are coalesced, not queued one build each.
  refreshes.length = 0;
  let batches = 0;
  await ingestMessages(warehouse, messages.slice(cut), { source: 'test', batchSize: 500, onBatch: (b) => { batches++; refresher.notify(b.tables, b.maxSourceTsMs); } });
  await refresher.idle();
  assert.ok(batches >= 10 && refreshes.length >= 1 && refreshes.length <= batches / 2, `${refreshes.length} refreshes for ${batches} batches`);

  const [asOf] = await queryRows<{ models: string; ingest: string }>(warehouse,
    `select (select toString(max(data_as_of)) from analytics._model_builds) as models,
            (select toString(max(max_source_ts)) from eoffice_raw._ingest_progress) as ingest`);
  assert.equal(asOf!.models, asOf!.ingest, 'the last refresh includes the last batch');

  const refreshed = await modelDigests();
  await buildModels(warehouse);
  assert.deepEqual(refreshed, await modelDigests());

  // A batch that touches only dispatches rebuilds the dispatch models and nothing of the incoming side.
  refreshes.length = 0;
  refresher.notify(['dispatch']);
  await refresher.idle();
  assert.equal(refreshes.length, 1);
  assert.ok(refreshes[0]!.includes('fct_dispatch') && refreshes[0]!.includes('agg_dispatch_daily'));
  assert.ok(!refreshes[0]!.includes('fct_incoming_document') && !refreshes[0]!.includes('dim_agency'));
});

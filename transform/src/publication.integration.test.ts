// data_as_of is the watermark of what the models hold, and a reader never combines two builds
// (issue 14, item 7). The warehouse is real (chDB); the only thing put between the refresher and
// it is a hook that lands an ingest batch at the worst moment: when a build reads the watermark.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw, LsnClock, type ChangeMessage } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { dataAsOf, kpiSummary } from '@vanban/api';
import { buildModels } from './build.js';
import { affectedModels, loadModels } from './project.js';
import { ModelRefresher } from './refresh.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'publication-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const messages: ChangeMessage[] = [];
for await (const message of debeziumMessages(simulate({ seed: 11, scale: 0.001, until: '2025-05-31' }), new LsnClock())) messages.push(message);
const cut = Math.floor(messages.length * 0.85);
await migrateRaw(warehouse);
await ingestMessages(warehouse, messages.slice(0, cut), { source: 'test', batchSize: 5_000 });
await buildModels(warehouse);

const isWatermarkRead = (query: string) => query.includes('max(max_source_ts)') && query.includes('_ingest_progress');

/** Source rows (ids) that exist as of `asOf` (first written at or before it, not deleted now) and are missing from the model. */
async function missingFromModels(asOfUtc: string): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const [table, model, column] of [['incoming_document', 'fct_incoming_document', 'incoming_id'], ['outgoing_document', 'fct_outgoing_document', 'outgoing_id'], ['work_file', 'fct_work_file', 'work_file_id']] as const) {
    const clear = table === 'work_file' ? '' : " and argMax(secrecy, _version) = 'none'";
    const [row] = await queryRows<{ n: string }>(warehouse, `
      select toString(count()) as n from (
        select id from eoffice_raw.${table} group by id
        having min(_source_ts) <= {as_of:DateTime64(3, 'UTC')} and argMax(_is_deleted, _version) = 0${clear}
      ) where id not in (select ${column} from analytics.${model})`, { as_of: asOfUtc });
    out[table] = Number(row!.n);
  }
  return out;
}

test('a batch landing while a refresh reads the watermark is not claimed before it is built', { timeout: 300_000 }, async () => {
  // The refresher is given a client whose watermark read first lands the rest of the history (every
  // table) and notifies it, as an ingest running beside the build would; the second build waits
  // until the state after the first one has been checked.
  let landed = false;
  let releaseSecond: () => void = () => undefined;
  const secondMayStart = new Promise<void>((resolve) => { releaseSecond = resolve; });
  let watermarkReads = 0;
  let refresher: ModelRefresher;
  const hooked = new Proxy(warehouse, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return async (params: Parameters<Warehouse['query']>[0]) => {
        if (isWatermarkRead(params.query)) {
          watermarkReads++;
          if (!landed) {
            landed = true;
            await ingestMessages(warehouse, messages.slice(cut), { source: 'test', batchSize: 5_000, onBatch: (b) => refresher.notify(b.tables, b) });
          } else {
            await secondMayStart;
          }
        }
        return target.query(params);
      };
    },
  }) as Warehouse;
  const builds: string[][] = [];
  refresher = new ModelRefresher(hooked, { onRefresh: (r) => { if ('models' in r) builds.push(r.models); else throw r.error; } });
  // Something small changed (work files): the refresh starts with that alone.
  refresher.notify(['work_file'], { minSourceTsMs: 0, maxSourceTsMs: 0 });
  while (builds.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));

  // After the first build: whatever data_as_of claims is in the models.
  const [claimed] = await queryRows<{ utc: string | null }>(warehouse, 'select toString(max(data_as_of)) as utc from analytics._model_builds');
  assert.ok(claimed?.utc, 'a build has claimed a watermark');
  assert.deepEqual(await missingFromModels(claimed.utc), { incoming_document: 0, outgoing_document: 0, work_file: 0 },
    `data_as_of ${claimed.utc} claims only what the models hold`);
  releaseSecond();
  await refresher.idle();

  // In the end everything is built and claimed: data_as_of is the newest commit the models contain.
  const [final] = await queryRows<{ claimed: string; newest: string }>(warehouse, `
    select (select toString(max(data_as_of)) from analytics._model_builds) as claimed,
           (select toString(max(_source_ts)) from (
              select _source_ts from eoffice_raw.incoming_document union all select _source_ts from eoffice_raw.outgoing_document
              union all select _source_ts from eoffice_raw.work_file union all select _source_ts from eoffice_raw.dispatch)) as newest`);
  assert.ok(watermarkReads >= 1);
  assert.deepEqual(await missingFromModels(final!.claimed), { incoming_document: 0, outgoing_document: 0, work_file: 0 });
  assert.ok(final!.claimed <= final!.newest, `data_as_of ${final!.claimed} ≤ newest source row ${final!.newest}`);
});

// What it checks: agg_agency_daily writes a refresh's day rows and month rows in one insert
// (dbt/models/marts/agg_agency_daily.sql), so a reader never sees one grain of a batch without the other.
test('a reader running beside repeated refreshes never combines the month rows of one and the day rows of another', { timeout: 300_000 }, async () => {
  // Each round adds two copies of one open document: one received on 2025-03-20 (read from the day
  // rows for a period starting mid-March) and one on 2025-04-10 (read from the month rows for the
  // whole of April). Within one refresh both moved by the same count, so received over
  // [2025-03-16, 2025-04-30] minus its starting value is even; new day rows with old month rows
  // make it odd.
  const [template] = await queryRows<{ id: string; agency: string }>(warehouse, `
    select toString(id) as id, toString(agency_id) as agency from eoffice_raw.incoming_document final
    where secrecy = 'none' and status not in ('withdrawn', 'returned', 'completed') order by id limit 1`);
  assert.ok(template);
  const [agency] = await queryRows<{ code: string }>(warehouse, 'select code from analytics.dim_agency where agency_id = {id:Int64} limit 1', { id: template.agency });
  const query = { agency: agency!.code, from: '2025-03-16', to: '2025-04-30', scope: 'self' as const, view: 'as_was' as const };
  const today = '2025-05-31';
  const base = (await kpiSummary(warehouse, query, today)).incoming.received;
  const models = affectedModels(loadModels(), ['incoming_document']).filter((m) => m.config.materialized !== 'view').map((m) => m.name);

  const [row] = await queryRows<Record<string, unknown>>(warehouse, 'select * from eoffice_raw.incoming_document final where id = {id:Int64}', { id: template.id });
  const rounds = 8;
  let building = true;
  const offsets: number[] = [];
  const reader = (async () => {
    while (building) offsets.push((await kpiSummary(warehouse, query, today)).incoming.received - base);
  })();
  for (let round = 1; round <= rounds; round++) {
    for (const [offset, day] of [[0, '2025-03-20 03:00:00'], [1, '2025-04-10 03:00:00']] as const) {
      // The template's newest version under a new id and a fixed date (chDB's `insert … select`
      // from the same table inserts nothing, so the copy goes through the client).
      // _ingested_at is left to its default (now), as ingest leaves it: the incremental models take what arrived since their last run.
      const { _ingested_at: _arrived, ...copy } = row!;
      await warehouse.insert({ table: 'eoffice_raw.incoming_document', values: [{ ...copy, id: 900_000_000 + round * 2 + offset, received_at: day }], format: 'JSONEachRow' });
    }
    await buildModels(warehouse, { select: models, skipCalendar: true });
  }
  building = false;
  await reader;
  const odd = offsets.filter((n) => n % 2 !== 0);
  assert.ok(offsets.length >= rounds, `${offsets.length} reads during ${rounds} builds`);
  assert.deepEqual(odd, [], `reads that combined two builds: ${odd.length} of ${offsets.length}`);
  assert.equal((await kpiSummary(warehouse, query, today)).incoming.received - base, 2 * rounds);
  assert.ok(await dataAsOf(warehouse));
});

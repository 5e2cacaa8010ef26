// The refresher rebuilds, after each ingest batch, only the models downstream of what changed, and
// ends with exactly the models a full build gives; data_as_of follows the models, not the ingest.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw, LsnClock, type ChangeMessage } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from './build.js';
import { modelDigests as digestsOf } from './verify.js';
import { ModelRefresher } from './refresh.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'refresh-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every compared model as its readers read it (verify.ts). */
const modelDigests = () => digestsOf(warehouse);

test('refreshing after each batch ends equal to a full build, rebuilding only what changed', { timeout: 300_000 }, async () => {
  await migrateRaw(warehouse);
  const messages: ChangeMessage[] = [];
  for await (const message of debeziumMessages(simulate({ seed: 11, scale: 0.002, until: '2022-09-30' }), new LsnClock())) messages.push(message);
  const cut = Math.floor(messages.length * 0.8);

  const refreshes: string[][] = [];
  const refresher = new ModelRefresher(warehouse, { onRefresh: (r) => { if ('models' in r) refreshes.push(r.models); else throw r.error; } });
  await buildModels(warehouse); // the calendar and every model, on an empty warehouse
  await ingestMessages(warehouse, messages.slice(0, cut), { source: 'test', batchSize: 5_000, onBatch: (b) => refresher.notify(b.tables, b) });
  await refresher.idle();
  // The rest in small batches while builds run: they are coalesced, not queued one build each.
  refreshes.length = 0;
  let batches = 0;
  await ingestMessages(warehouse, messages.slice(cut), { source: 'test', batchSize: 500, onBatch: (b) => { batches++; refresher.notify(b.tables, b); } });
  await refresher.idle();
  assert.ok(batches >= 10 && refreshes.length >= 1 && refreshes.length <= batches / 2, `${refreshes.length} refreshes for ${batches} batches`);

  const [asOf] = await queryRows<{ models: string; ingest: string }>(warehouse,
    `select (select toString(max(data_as_of)) from analytics._model_builds) as models,
            (select toString(max(max_source_ts)) from eoffice_raw._ingest_progress) as ingest`);
  assert.equal(asOf!.models, asOf!.ingest, 'the last refresh includes the last batch');

  const refreshed = await modelDigests();
  await buildModels(warehouse, { fullRefresh: true });
  assert.deepEqual(refreshed, await modelDigests());

  // A batch that touches only dispatches rebuilds the models that read dispatches (the dispatch facts,
  // and the incoming documents they delivered: their delivery time) and what they feed; not the agencies.
  refreshes.length = 0;
  refresher.notify(['dispatch']);
  await refresher.idle();
  assert.equal(refreshes.length, 1);
  assert.ok(refreshes[0]!.includes('fct_dispatch') && refreshes[0]!.includes('fct_incoming_document') && refreshes[0]!.includes('agg_agency_daily'));
  assert.ok(!refreshes[0]!.includes('fct_outgoing_document') && !refreshes[0]!.includes('dim_agency'), refreshes[0]!.join(' '));
});

test('a calendar file dropped into CALENDAR_DIR is picked up without a restart; one that does not parse leaves the calendar in use', { timeout: 300_000 }, async () => {
  const calendarDir = mkdtempSync(path.join(tmpdir(), 'calendar-'));
  const lines: string[] = [];
  const refreshes: string[][] = [];
  const refresher = new ModelRefresher(warehouse, { calendarDir, calendarCheckMs: 50, log: (line) => lines.push(line), onRefresh: (r) => { if ('models' in r) refreshes.push(r.models); } });
  const isWorking = async (date: string) => (await queryRows<{ w: number }>(warehouse, 'select toUInt8(is_working_day) as w from analytics.int_working_days where date = {date:Date32}', { date }))[0]!.w === 1;
  const waitFor = async (what: () => boolean) => { for (let i = 0; i < 600 && !what(); i++) await new Promise((resolve) => setTimeout(resolve, 50)); await refresher.idle(); };
  try {
    assert.equal(await isWorking('2022-06-15'), true, 'a Wednesday');
    refresher.watchCalendar();
    writeFileSync(path.join(calendarDir, '2022-extra.csv'), 'date,kind,name,source\n2022-06-15,day_off,Nghỉ bù thử nghiệm,test\n');
    await waitFor(() => refreshes.length > 0);
    assert.equal(await isWorking('2022-06-15'), false, 'the new day off is in the models');
    assert.ok(refreshes[0]!.includes('int_working_days') && refreshes[0]!.includes('fct_incoming_document'), refreshes[0]!.join(' '));
    assert.ok(!refreshes[0]!.includes('dim_agency'), 'only what uses the calendar');
    writeFileSync(path.join(calendarDir, '2023-broken.csv'), 'date,kind,name,source\n2023-02-30,holiday,Không có ngày này,test\n');
    await waitFor(() => lines.some((line) => line.startsWith('calendar not loaded')));
    assert.ok(lines.some((line) => /calendar not loaded, the calendar in use stays: .*2023-broken\.csv:2: "2023-02-30" is not a date/.test(line)), lines.join('\n'));
    assert.equal(await isWorking('2022-06-15'), false, 'the calendar in use stays');
  } finally {
    refresher.stop();
    rmSync(calendarDir, { recursive: true, force: true });
  }
  // Without the extra file, the models are as before.
  await buildModels(warehouse);
  assert.equal(await isWorking('2022-06-15'), true);
});

test('a batch notified while a build reads the ingest watermark is claimed by one more build, not left behind', { timeout: 300_000 }, async () => {
  // The build takes that batch's tables, but the watermark it read may not count the batch: it then
  // claims less than it holds, and with nothing more notified data_as_of stayed behind the data.
  const newestCommit = async () => (await queryRows<{ ts: string }>(warehouse, 'select toString(max(max_source_ts)) as ts from eoffice_raw._ingest_progress'))[0]!.ts;
  const before = Date.parse(`${(await newestCommit()).replace(' ', 'T')}Z`);
  const lateCommit = before + 3_600_000;
  let refresher: ModelRefresher | undefined;
  let armed = true;
  // The warehouse as the refresher sees it: the first watermark read answers as it found the table,
  // and a batch lands (its progress row written, then notified, as ingest does) before it returns.
  const client = new Proxy(warehouse, {
    get(target, property, receiver) {
      if (property !== 'query') return Reflect.get(target, property, receiver);
      return async (params: Parameters<typeof warehouse.query>[0]) => {
        const result = await target.query(params);
        if (armed && params.query.includes('_ingest_progress')) {
          armed = false;
          await target.insert({ table: 'eoffice_raw._ingest_progress', format: 'JSONEachRow',
            values: [{ source: 'test', batch_id: 'late-batch', max_lsn: Number.MAX_SAFE_INTEGER, max_source_ts: new Date(lateCommit).toISOString(), events: 1 }] });
          refresher!.notify(['dispatch'], { minSourceTsMs: lateCommit, maxSourceTsMs: lateCommit });
        }
        return result;
      };
    },
  });
  const builds: string[][] = [];
  refresher = new ModelRefresher(client, { onRefresh: (r) => { if ('models' in r) builds.push(r.models); else throw r.error; } });
  refresher.notify(['dispatch'], { minSourceTsMs: before, maxSourceTsMs: before });
  await refresher.idle();
  assert.equal(armed, false, 'the batch landed during the watermark read');
  const [asOf] = await queryRows<{ models: string }>(warehouse, 'select toString(max(data_as_of)) as models from analytics._model_builds');
  assert.equal(asOf!.models, await newestCommit(), 'data_as_of reaches the batch that landed during the read');
  assert.equal(builds.length, 2, 'one more build, for that batch');
});

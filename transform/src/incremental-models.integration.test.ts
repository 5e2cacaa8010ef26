// The property behind the incremental models (dbt/INCREMENTAL.md): whatever sequence of batches
// arrives (inserts, updates, deletes, replays of older versions, versions out of order, backdated
// completions, deadline extensions, documents moved to another agency or month, documents that turn
// secret, dates outside the working-day calendar, agencies renamed or moved, a succession, staff renamed, a calendar edit), the models kept by the refresher end
// equal, row for row as read, to a full build of the same raw data. Batches are random (seeded, the
// seed is printed) and written into the raw tables as ingest writes them (test/support/raw-changes.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw, purgeDocumentFacts, LsnClock, type ChangeMessage } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from './build.js';
import { loadModels } from './project.js';
import { runModelTests } from './model-tests.js';
import { modelDigests as digestsOf } from './verify.js';
import { ModelRefresher, type PurgedDocuments } from './refresh.js';
import { rewriteRaw } from '../../test/support/raw-changes.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'incremental-models-'));
const calendarDir = mkdtempSync(path.join(tmpdir(), 'incremental-calendar-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(calendarDir, { recursive: true, force: true });
});

const seed = Number(process.env['PROPERTY_SEED'] ?? Date.now() % 100_000);

/** A small seeded generator (mulberry32): the same seed gives the same batches. */
function random(seedValue: number): () => number {
  let state = seedValue >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every compared model as its readers read it (verify.ts). */
const modelDigests = () => digestsOf(warehouse);

const messages: ChangeMessage[] = [];
for await (const message of debeziumMessages(simulate({ seed: 7, scale: 0.002, until: '2022-12-31' }), new LsnClock())) messages.push(message);

// The last message of each document in the stream, to send it again turned secret.
const lastOfDocument = new Map<string, ChangeMessage>();
for (const message of messages) {
  const table = message.source.split('.').pop()!;
  if (table === 'incoming_document' || table === 'outgoing_document') lastOfDocument.set(`${table}:${JSON.parse(message.key!).id}`, message);
}
let secretLsn = 2 ** 40;

/**
 * The documents `where(table)` picks (at most three of each kind) turned secret, through ingest, which purges
 * their raw rows and facts (writers/document-facts.ts); the tables written and the documents purged.
 */
async function turnSecret(where: (table: string) => string): Promise<{ tables: string[]; purged: PurgedDocuments }> {
  const turned: ChangeMessage[] = [];
  for (const table of ['incoming_document', 'outgoing_document']) {
    const ids = await queryRows<{ id: string }>(warehouse, `select toString(id) as id from eoffice_raw.${table} final where secrecy = 'none' and ${where(table)} limit 3`);
    for (const { id } of ids) {
      const last = lastOfDocument.get(`${table}:${id}`);
      if (!last) continue;
      const value = JSON.parse(last.value!) as { after: Record<string, unknown>; source: Record<string, unknown> };
      const lsn = secretLsn++;
      turned.push({ ...last, position: String(lsn), value: JSON.stringify({
        ...value, op: 'u', before: value.after, after: { ...value.after, secrecy: 'secret' }, source: { ...value.source, lsn },
      }) });
    }
  }
  const tables = new Set<string>();
  const purged: PurgedDocuments = [];
  await ingestMessages(warehouse, turned, { source: 'test', onBatch: (b) => { b.tables.forEach((t) => tables.add(t)); purged.push(...b.purged); } });
  return { tables: [...tables], purged };
}

test(`random batches leave the incremental models equal to a full build (seed ${seed})`, { timeout: 900_000 }, async () => {
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const sample = () => `cityHash64(id, ${Math.floor(next() * 1e9)}) % ${pick([15, 40, 120])} = 0`;
  await migrateRaw(warehouse);
  const slices = 16;
  const slice = (i: number) => messages.slice(Math.floor((messages.length * i) / slices), Math.floor((messages.length * (i + 1)) / slices));
  await ingestMessages(warehouse, messages.slice(0, Math.floor(messages.length / 2)), { source: 'test', batchSize: 5_000 });
  await buildModels(warehouse, { calendarDir });

  const errors: Error[] = [];
  const refresher = new ModelRefresher(warehouse, { calendarDir, purgeFacts: purgeDocumentFacts, onRefresh: (r) => { if ('error' in r) errors.push(r.error); } });
  const agencies = (await queryRows<{ id: string }>(warehouse, "select toString(id) as id from eoffice_raw.agency final where kind = 'commune' order by id")).map((a) => a.id);
  const districts = (await queryRows<{ id: string }>(warehouse, "select toString(id) as id from eoffice_raw.agency final where kind = 'district' order by id")).map((a) => a.id);

  let purged: PurgedDocuments = [];
  let turnedSecret = 0;

  const operations: Record<string, () => Promise<string[]>> = {
    'more of the stream': async () => {
      const tables = new Set<string>();
      await ingestMessages(warehouse, slice(slices / 2 + Math.floor(next() * (slices / 2))), { source: 'test', batchSize: 2_000, onBatch: (b) => b.tables.forEach((t) => tables.add(t)) });
      return [...tables];
    },
    'backdated completions': async () => {
      await rewriteRaw(warehouse, 'incoming_document', `status in ('registered', 'assigned', 'in_progress') and ${sample()}`,
        { status: "'completed'", completed_at: `received_at + toIntervalDay(${1 + Math.floor(next() * 20)})` });
      return ['incoming_document'];
    },
    'completions undone': async () => {
      await rewriteRaw(warehouse, 'incoming_document', `status = 'completed' and ${sample()}`, { status: "'in_progress'", completed_at: 'null' });
      return ['incoming_document'];
    },
    'deadlines extended': async () => {
      await rewriteRaw(warehouse, 'incoming_document', `due_date is not null and ${sample()}`, { due_date: `due_date + ${1 + Math.floor(next() * 30)}` });
      return ['incoming_document'];
    },
    'documents withdrawn or returned': async () => {
      await rewriteRaw(warehouse, 'incoming_document', sample(), { status: pick(["'withdrawn'", "'returned'"]) });
      return ['incoming_document'];
    },
    'documents moved to another agency and month': async () => {
      await rewriteRaw(warehouse, 'incoming_document', sample(), { agency_id: pick(agencies), received_at: `received_at - toIntervalDay(${20 + Math.floor(next() * 40)})` });
      await rewriteRaw(warehouse, 'outgoing_document', sample(), { agency_id: pick(agencies), drafted_at: `drafted_at - toIntervalDay(${20 + Math.floor(next() * 40)})` });
      return ['incoming_document', 'outgoing_document'];
    },
    'deletes': async () => {
      const table = pick(['incoming_document', 'outgoing_document', 'dispatch', 'assignment', 'work_file']);
      await rewriteRaw(warehouse, table, sample(), { _is_deleted: '1', _op: "'d'" });
      return [table];
    },
    'replays of older versions': async () => {
      const table = pick(['incoming_document', 'outgoing_document', 'dispatch', 'assignment', 'work_file']);
      await rewriteRaw(warehouse, table, sample(), { status: table === 'work_file' ? 'status' : "'withdrawn'" }, 'older');
      return [table];
    },
    'versions out of order': async () => {
      // The newer version lands first, the one between lands after it (and loses).
      const where = `status != 'completed' and ${sample()}`;
      await rewriteRaw(warehouse, 'incoming_document', where, { status: "'completed'", completed_at: 'received_at + toIntervalDay(3)' });
      await rewriteRaw(warehouse, 'incoming_document', `id in (select id from eoffice_raw.incoming_document final where status = 'completed' and completed_at = received_at + toIntervalDay(3))`, { status: "'in_progress'", completed_at: 'null' }, 'older');
      return ['incoming_document'];
    },
    'issued and dispatched': async () => {
      await rewriteRaw(warehouse, 'outgoing_document', `status != 'issued' and ${sample()}`, { status: "'issued'", issued_at: 'drafted_at + toIntervalDay(2)' });
      await rewriteRaw(warehouse, 'dispatch', sample(), { channel: pick(["'internal'", "'post'"]) });
      return ['outgoing_document', 'dispatch'];
    },
    'agencies renamed and moved, a succession': async () => {
      const commune = pick(agencies);
      await rewriteRaw(warehouse, 'agency', `id = ${commune}`, { name: "concat(name, ' (mới)')", parent_id: `toInt64(${pick(districts)})` });
      const [{ top } = { top: '0' }] = await queryRows<{ top: string }>(warehouse, 'select toString(max(id)) as top from eoffice_raw.agency_succession');
      const [a, b] = [pick(agencies), pick(agencies)];
      // As the source contract has it: exactly one primary successor per predecessor, and chains
      // that end. A second successor of a succeeded agency is a secondary one; an agency not yet
      // succeeded gets a primary one, to an agency that is not succeeded itself (no cycle).
      const succeeded = async (id: string | number) => Number((await queryRows<{ n: string }>(warehouse,
        `select toString(countIf(is_primary)) as n from eoffice_raw.agency_succession final where predecessor_id = ${id}`))[0]?.n ?? 0) > 0;
      const primary = (await succeeded(a)) ? false : (await succeeded(b)) ? undefined : true;
      if (a !== b && primary !== undefined) {
        await warehouse.command({
          query: `insert into eoffice_raw.agency_succession (id, predecessor_id, successor_id, effective_date, is_primary, created_at, updated_at, _version, _is_deleted, _op, _tx_id, _source_ts)
                  values (${Number(top) + 1}, ${a}, ${b}, '2022-11-01', ${primary}, now64(6), now64(6), ${Date.now()}, 0, 'c', 0, now64(3))`,
        });
      }
      return ['agency', 'agency_succession'];
    },
    'staff and units renamed': async () => {
      await rewriteRaw(warehouse, 'staff', sample(), { full_name: "concat(full_name, ' Jr')" });
      await rewriteRaw(warehouse, 'org_unit', sample(), { name: "concat(name, ' 2')" });
      return ['staff', 'org_unit'];
    },
    'documents turned secret': async () => {
      const turned = await turnSecret(() => sample());
      purged.push(...turned.purged);
      turnedSecret += turned.purged.reduce((n, p) => n + p.ids.length, 0);
      return turned.tables;
    },
    'dates outside the calendar': async () => {
      // Reported in dq_outside_calendar, counted without durations; and some brought back inside.
      await rewriteRaw(warehouse, 'incoming_document', sample(), { received_at: "toDateTime64('1999-12-20 03:00:00', 6, 'UTC')" });
      await rewriteRaw(warehouse, 'outgoing_document', `status = 'issued' and ${sample()}`, { issued_at: "toDateTime64('2036-01-06 03:00:00', 6, 'UTC')" });
      await rewriteRaw(warehouse, 'incoming_document', `received_at < '2000-01-01' and ${sample()}`, { received_at: "toDateTime64('2022-06-01 03:00:00', 6, 'UTC')" });
      return ['incoming_document', 'outgoing_document'];
    },
    'a calendar edit': async () => {
      writeFileSync(path.join(calendarDir, `edit-${Math.floor(next() * 1e6)}.csv`),
        `date,kind,name,source\n2022-${pick(['03', '06', '09'])}-${pick(['07', '14', '21'])},day_off,Nghỉ thử,test\n`);
      return ['vn_calendar'];
    },
  };

  const names = Object.keys(operations);
  const applied: string[] = [];
  for (let round = 0; round < 14; round++) {
    // Every run has more of the stream first, then a document turned secret (it needs ingest's purge)
    // and dates outside the calendar (dq_outside_calendar is empty otherwise).
    const name = round === 0 ? 'more of the stream' : round === 1 ? 'documents turned secret' : round === 2 ? 'dates outside the calendar' : pick(names);
    const tables = await operations[name]!();
    applied.push(name);
    refresher.notify(tables, undefined, purged);
    purged = [];
    // Sometimes the next batch lands while the build runs (coalesced), sometimes after it.
    if (next() < 0.6) await refresher.idle();
  }
  await refresher.idle();
  assert.deepEqual(errors, [], `refresh errors after: ${applied.join(', ')}`);
  assert.ok(turnedSecret > 0, 'documents were turned secret (and purged by ingest)');
  const [outside] = await queryRows<{ n: string }>(warehouse, 'select toString(count()) as n from analytics.dq_outside_calendar final');
  assert.ok(Number(outside!.n) > 0, 'documents with dates outside the calendar are reported');
  // dbt's tests (dbt/models/*/_models.yml, dbt/tests) hold on the tables as the runs left them.
  assert.deepEqual((await runModelTests(warehouse)).filter((t) => t.failures > 0), [], `dbt tests after: ${applied.join(', ')}`);
  const incremental = await modelDigests();
  await buildModels(warehouse, { calendarDir, fullRefresh: true });
  assert.deepEqual(incremental, await modelDigests(), `seed ${seed}: ${applied.join(', ')}`);
});

test('the safety net finds a model that drifted from a full build, says so, records it and repairs it', { timeout: 300_000 }, async () => {
  const refresher = new ModelRefresher(warehouse, { calendarDir });
  const clean = await refresher.verify();
  assert.ok(clean.length > 10 && clean.every((c) => c.equal), clean.filter((c) => !c.equal).map((c) => c.model).join(', '));
  // A drift no run would make: a day's counts changed behind the models' back.
  const [row] = await queryRows<{ agency_id: string; day: string }>(warehouse, 'select toString(agency_id) as agency_id, toString(day) as day from analytics.agg_agency_daily final where arraySum(counts) > 0 order by day desc limit 1');
  await warehouse.command({
    query: `insert into analytics.agg_agency_daily select * replace (arrayMap(count -> count + 1, counts) as counts, _version + 1 as _version) from analytics.agg_agency_daily final where agency_id = ${row!.agency_id} and day = '${row!.day}'`,
  });
  const lines: string[] = [];
  const checks = await new ModelRefresher(warehouse, { calendarDir, log: (line) => lines.push(line) }).verify();
  assert.deepEqual(checks.filter((c) => !c.equal).map((c) => [c.model, c.repaired]), [['agg_agency_daily', true]]);
  assert.ok(lines.some((line) => line.startsWith('model agg_agency_daily differs from a full build')), lines.join('\n'));
  const [recorded] = await queryRows<{ n: string }>(warehouse, "select toString(count()) as n from analytics._model_checks where model = 'agg_agency_daily' and equal = 0 and repaired = 1");
  assert.equal(recorded!.n, '1');
  assert.ok((await refresher.verify()).every((c) => c.equal), 'repaired');
});

test('a document that turns secret stops counting at the next refresh', { timeout: 300_000 }, async () => {
  // Documents whose figures nothing else re-derives: old cohorts, the only change of the batch.
  const refresher = new ModelRefresher(warehouse, { calendarDir, purgeFacts: purgeDocumentFacts });
  const { tables, purged } = await turnSecret((table) => `${table === 'incoming_document' ? 'received_at' : 'drafted_at'} < '2022-05-01'`);
  assert.ok(purged.some((p) => p.table === 'incoming_document' && p.ids.length > 0) && purged.some((p) => p.table === 'outgoing_document' && p.ids.length > 0));
  refresher.notify(tables, undefined, purged);
  await refresher.idle();
  const incremental = await modelDigests();
  await buildModels(warehouse, { calendarDir, fullRefresh: true });
  assert.deepEqual(incremental, await modelDigests());
});

test('what a run read is not read again by the next, even when it left the fact as it was', { timeout: 300_000 }, async () => {
  // Without the lookback, so that "read again" is only what the pick-up point makes it. A replay (the
  // same rows with newer versions) leaves the facts as they are; the next run must not take it again
  // (it did while facts picked up from the newest _ingested_at they held, which a replay leaves behind).
  const models = loadModels({ incremental_lookback_seconds: '0' });
  const changedNow = async (name: string) => {
    // The model's first CTEs, up to the change set `changed` (the ids the run re-derives), counted.
    const sql = models.find((m) => m.name === name)!.incrementalSql!;
    const changedEnds = sql.indexOf('\n),', sql.indexOf('\nchanged as ('));
    const [row] = await queryRows<{ n: string }>(warehouse, `${sql.slice(0, changedEnds + 2)} select toString(count()) as n from changed`);
    return Number(row!.n);
  };
  const facts = ['fct_incoming_document', 'fct_outgoing_document'];
  await buildModels(warehouse, { models, select: facts, skipCalendar: true });
  assert.deepEqual([await changedNow('fct_incoming_document'), await changedNow('fct_outgoing_document')], [0, 0]);
  const digests = await modelDigests();
  await rewriteRaw(warehouse, 'incoming_document', 'id in (select id from eoffice_raw.incoming_document final order by id limit 4)', {});
  await rewriteRaw(warehouse, 'outgoing_document', 'id in (select id from eoffice_raw.outgoing_document final order by id limit 3)', {});
  assert.deepEqual([await changedNow('fct_incoming_document'), await changedNow('fct_outgoing_document')], [4, 3], 'the replay is picked up');
  await buildModels(warehouse, { models, select: facts, skipCalendar: true });
  assert.deepEqual(await modelDigests(), digests, 'a replay changes nothing');
  assert.deepEqual([await changedNow('fct_incoming_document'), await changedNow('fct_outgoing_document')], [0, 0], 'and is not taken again');
});

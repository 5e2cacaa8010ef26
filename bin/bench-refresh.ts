// `npm run bench:refresh -- --data-dir DIR [--batches 20] [--changes 1000] [--until YYYY-MM-DD]
// [--full-refresh]`: what a batch of changes costs the incremental models on a kept warehouse (built
// by `npm run bench -- --data-dir DIR`), and what KPI answers cost meanwhile. Each batch is N
// changes written into the raw tables as ingest writes them (test/support/raw-changes.ts): new
// incoming documents (recent ones copied under new ids), completions, deadline extensions,
// assignments handed on, outgoing documents issued; then the refresher brings the models up to date,
// as the ingest service does after each batch. --batches batches alone, then as many again while
// uncached city KPI summaries run back to back.
// --full-refresh first rebuilds every model from scratch (a warehouse built by older models) and
// reports how long that took.
// --sustained SECONDS [--rate 1000] instead keeps a steady stream of changes coming (a batch of --rate
// changes every second, each with its progress row, as ingest writes them) while the refresher runs
// as in the ingest service, and reports how far data_as_of stays behind: the models' share of the
// freshness at this scale (ingest's own share, commit → raw tables, is bench:cdc's).
import { cpus, totalmem } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { closeWarehouse, connectWarehouse, parseArgs, queryRows } from '@vanban/common';
import { dataAsOf, kpiSummary, type KpiQuery } from '@vanban/api';
import { buildModels, ModelRefresher } from '@vanban/transform';
import { kpiSeries, seriesBuckets } from '../api/src/kpi/series.js';
import { dateOfDay, dayOf } from '../api/src/kpi/periods.js';
import { rewriteRaw } from '../test/support/raw-changes.js';

const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), n: sorted.length };
};

async function main() {
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', batches: 'string', changes: 'string', until: 'string', 'full-refresh': 'boolean', verbose: 'boolean', sustained: 'string', rate: 'string' });
  const dataDir = flags['data-dir'] as string | undefined;
  if (!dataDir) throw new Error('--data-dir DIR: a warehouse kept by npm run bench -- --data-dir DIR');
  const batches = Number(flags['batches'] ?? 20);
  const changes = Number(flags['changes'] ?? 1000);
  const until = String(flags['until'] ?? '2025-12-31');
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    warehouse: dataDir, batches, changes_per_batch: changes,
  };
  try {
    const [size] = await queryRows<{ documents: string }>(warehouse, 'select toString(count()) as documents from eoffice_raw.incoming_document');
    report['raw_incoming_rows'] = Number(size?.documents);
    if (flags['full-refresh']) {
      const started = performance.now();
      await buildModels(warehouse, { fullRefresh: true, log: (line) => console.error(line) });
      report['full_build_s'] = Math.round((performance.now() - started) / 100) / 10;
      console.error(`full build: ${report['full_build_s']} s`);
    }
    const refreshes: number[] = [];
    const refresher = new ModelRefresher(warehouse, {
      buildLog: flags['verbose'] ? (line) => console.error(line) : undefined,
      onRefresh: (r) => { if ('error' in r) throw r.error; refreshes.push(r.ms); },
    });
    await buildModels(warehouse); // whatever arrived since the warehouse was kept
    // Received in the 60 days before --until (not after it: completions are dated --until).
    const recent = `received_at >= toDateTime64('${dateOfDay(dayOf(until) - 60)}', 6, 'UTC') and received_at < toDateTime64('${until} 00:00:00', 6, 'UTC')`;
    const salt = () => Math.floor(Math.random() * 1e9);
    const sample = (n: number, where: string) => `id in (select id from eoffice_raw.incoming_document final where ${where} order by cityHash64(id, ${salt()}) limit ${n})`;
    const city: KpiQuery = { agency: '000.00.00.H26', from: `${until.slice(0, 4)}-01-01`, to: until, scope: 'subtree', view: 'as_was' };

    /** Each batch's changes, as shares of its size. */
    const mix = { copied: 0.4, completed: 0.3, extended: 0.1, assignments: 0.1, issued: 0.1, steps: 0.3 };
    const share = (changes: number, part: keyof typeof mix) => Math.max(1, Math.round(changes * mix[part]));
    /** The raw tables a batch writes. */
    const batchTables = ['incoming_document', 'assignment', 'outgoing_document', 'processing_log'];

    /** Writes one batch of about `changes` changes into the raw tables, sampled afresh; the tables it wrote. */
    const writeChanges = async (changes: number): Promise<string[]> => {
      const [{ top } = { top: '0' }] = await queryRows<{ top: string }>(warehouse, 'select toString(max(id)) as top from eoffice_raw.incoming_document');
      const n = (part: keyof typeof mix) => share(changes, part);
      await rewriteRaw(warehouse, 'incoming_document', sample(n('copied'), recent), { id: `toInt64(${top}) + 1 + rowNumberInAllBlocks()`, status: "'registered'", completed_at: 'null' });
      await rewriteRaw(warehouse, 'incoming_document', sample(n('completed'), `${recent} and status in ('registered', 'assigned', 'in_progress')`),
        { status: "'completed'", completed_at: `toDateTime64('${until} 03:00:00', 6, 'UTC')` });
      await rewriteRaw(warehouse, 'incoming_document', sample(n('extended'), `${recent} and due_date is not null`), { due_date: 'due_date + 5' });
      await rewriteRaw(warehouse, 'assignment', `id in (select id from eoffice_raw.assignment final order by id desc limit ${n('assignments') * 5} ) and cityHash64(id, ${salt()}) % 5 = 0`, { status: "'done'" });
      await rewriteRaw(warehouse, 'outgoing_document', `id in (select id from eoffice_raw.outgoing_document final where status != 'issued' order by id desc limit ${n('issued')})`,
        { status: "'issued'", issued_at: `toDateTime64('${until} 04:00:00', 6, 'UTC')` });
      // Steps as the e-office logs them (trình, giao xử lý) on documents of the period: new rows of processing_log.
      const [{ topLog } = { topLog: '0' }] = await queryRows<{ topLog: string }>(warehouse, 'select toString(max(id)) as topLog from eoffice_raw.processing_log');
      await rewriteRaw(warehouse, 'processing_log', `id in (select id from eoffice_raw.processing_log final where action in ('submit', 'assign') order by id desc limit ${n('steps') * 5}) and cityHash64(id, ${salt()}) % 5 = 0`,
        { id: `toInt64(${topLog}) + 1 + rowNumberInAllBlocks()`, at: `toDateTime64('${until} 02:00:00', 6, 'UTC')` });
      return batchTables;
    };

    type RawRow = Record<string, unknown>;
    /**
     * The same changes for the sustained mode, written the way ingest writes them: whole new row
     * versions inserted, with no read of the raw tables. At scale 1 reading a few hundred random
     * documents back from the raw tables (granules of 8,192 wide rows) took seconds a batch, which
     * ingest never pays; so the rows to change are read once, `batches` batches' worth, and each
     * batch takes the next ones (from the start again when a pool is used up).
     */
    const pooledWriter = async (changes: number, batches: number) => {
      const rows = (table: string, where: string, order: string, n: number) => queryRows<RawRow>(warehouse,
        `select * except _ingested_at from eoffice_raw.${table} final where ${where} order by ${order} limit ${n}`);
      const wanted = (part: keyof typeof mix) => share(changes, part) * batches;
      const inTurn = (pool: RawRow[]) => {
        let next = 0;
        return (n: number) => Array.from({ length: Math.min(n, pool.length) }, () => pool[next++ % pool.length]!);
      };
      const random = `cityHash64(id, ${salt()})`;
      const pools = {
        copied: inTurn(await rows('incoming_document', recent, random, 5000)),
        completed: inTurn(await rows('incoming_document', `${recent} and status in ('registered', 'assigned', 'in_progress')`, random, wanted('completed'))),
        extended: inTurn(await rows('incoming_document', `${recent} and due_date is not null`, random, 20_000)),
        assignments: inTurn(await rows('assignment', '1', 'id desc', wanted('assignments'))),
        // The newest outgoing documents, whatever their status: the batches issue them all in time.
        issued: inTurn(await rows('outgoing_document', '1', 'id desc', wanted('issued'))),
        steps: inTurn(await rows('processing_log', "action in ('submit', 'assign')", 'id desc', 5000)),
      };
      const newest = async (sql: string) => BigInt((await queryRows<{ n: string }>(warehouse, sql))[0]?.n ?? '0');
      const next = {
        incoming: await newest('select toString(max(id)) as n from eoffice_raw.incoming_document') + 1n,
        step: await newest('select toString(max(id)) as n from eoffice_raw.processing_log') + 1n,
        version: await newest(`select toString(max(v)) as n from (${batchTables
          .map((table) => `select max(_version) as v from eoffice_raw.${table}`).join(' union all ')})`) + 1n,
      };
      const version = () => String(next.version++);
      const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
      const insert = (table: string, values: RawRow[]) => warehouse.insert({ table: `eoffice_raw.${table}`, values, format: 'JSONEachRow' });
      let round = 0;
      return async (): Promise<string[]> => {
        const n = (part: keyof typeof mix) => share(changes, part);
        await insert('incoming_document', [
          ...pools.copied(n('copied')).map((row) => ({ ...row, id: String(next.incoming++), status: 'registered', completed_at: null, _version: version() })),
          ...pools.completed(n('completed')).map((row) => ({ ...row, status: 'completed', completed_at: `${until} 03:00:00`, _version: version() })),
          // The pool's row keeps the new deadline: extended again when the pool comes round, from there.
          ...pools.extended(n('extended')).map((row) => ({ ...Object.assign(row, { due_date: plusDays(String(row['due_date']), 5) }), _version: version() })),
        ]);
        await insert('assignment', pools.assignments(n('assignments')).map((row) => ({ ...row, status: 'done', _version: version() })));
        // Issued at a time of its own each round, so that a document the pool brings round again is a
        // change again (the same row again would be one the fact keeps as it is, see dbt/INCREMENTAL.md).
        const issuedAt = `${until} 04:${String(Math.floor(round / 60) % 60).padStart(2, '0')}:${String(round % 60).padStart(2, '0')}`;
        round++;
        await insert('outgoing_document', pools.issued(n('issued')).map((row) => ({ ...row, status: 'issued', issued_at: issuedAt, _version: version() })));
        await insert('processing_log', pools.steps(n('steps')).map((row) => ({ ...row, id: String(next.step++), at: `${until} 02:00:00`, _version: version() })));
        return batchTables;
      };
    };

    /** Writes `batches` batches of changes and refreshes after each, as ingest does; the refresh times. */
    const runBatches = async (label: string) => {
      const refreshMs: number[] = [];
      const coresBusy: number[] = [];
      for (let batch = 0; batch < batches; batch++) {
        const tables = await writeChanges(changes);
        const started = performance.now();
        const cpu = process.cpuUsage();
        refresher.notify(tables);
        await refresher.idle();
        refreshMs.push(performance.now() - started);
        // The process's CPU time (chDB runs inside it) over the wall time: how many cores the refresh kept busy.
        const used = process.cpuUsage(cpu);
        coresBusy.push((used.user + used.system) / 1000 / refreshMs.at(-1)!);
        console.error(`${label} batch ${batch + 1}/${batches}: refreshed in ${Math.round(refreshMs.at(-1)!)} ms, ${coresBusy.at(-1)!.toFixed(2)} cores busy`);
      }
      return { ...summary(refreshMs), cores_busy_p50: Number(percentile([...coresBusy].sort((a, b) => a - b), 50).toFixed(2)) };
    };

    /**
     * `rate` changes a second for `seconds`, each second's as one batch written as ingest writes it:
     * its rows, then its progress row (the batch's commit time: when its rows are in), then the
     * refresher told, which refreshes while the next batches come (coalescing those that arrive
     * meanwhile). data_as_of's staleness is sampled every 250 ms from the moment the first batch is
     * visible: what the models add to ingest's own share (commit → raw tables, measured by bench:cdc).
     */
    const sustain = async (seconds: number, rate: number) => {
      const writeBatch = await pooledWriter(rate, seconds);
      const started = Date.now();
      const stale: number[] = [];
      const writes: number[] = [];
      let firstVisibleMs: number | undefined;
      let writing = true;
      const sampler = (async () => {
        while (writing) {
          const asOf = await dataAsOf(warehouse);
          const asOfMs = asOf === null ? Number.NaN : Date.parse(asOf);
          if (asOfMs >= started) {
            firstVisibleMs ??= Date.now() - started;
            stale.push(Date.now() - asOfMs);
          }
          await sleep(250);
        }
      })();
      const refreshesBefore = refreshes.length;
      let written = 0;
      let behind = 0;
      for (let second = 0; second < seconds; second++) {
        const writeStarted = Date.now();
        const tables = await writeBatch();
        const committed = Date.now();
        await warehouse.insert({
          table: 'eoffice_raw._ingest_progress',
          values: [{ source: 'bench-refresh', batch_id: `sustained-${committed}`, max_lsn: 0, max_source_ts: new Date(committed).toISOString(), events: rate }],
          format: 'JSONEachRow',
        });
        refresher.notify(tables, { minSourceTsMs: committed, maxSourceTsMs: committed });
        writes.push(committed - writeStarted);
        written += rate;
        const due = started + (second + 1) * 1000 - Date.now();
        if (due > 0) await sleep(due); else behind++;
        if ((second + 1) % 30 === 0) console.error(`sustained: ${second + 1}/${seconds} s, ${refreshes.length - refreshesBefore} refreshes, data_as_of ${stale.at(-1) ?? '–'} ms behind`);
      }
      const wallSeconds = (Date.now() - started) / 1000;
      writing = false;
      await sampler;
      await refresher.idle();
      return {
        seconds, target_rate: rate, achieved_rate: Math.round(written / wallSeconds), seconds_behind_schedule: behind,
        batch_write_ms: summary(writes), first_batch_visible_ms: firstVisibleMs ?? null,
        raw_to_visible_ms: summary(stale), max_ms: Math.max(...stale),
        refresh_ms: summary(refreshes.slice(refreshesBefore)),
      };
    };

    if (flags['sustained']) {
      report['sustained'] = await sustain(Number(flags['sustained']), Number(flags['rate'] ?? 1000));
      console.error(`sustained: ${JSON.stringify(report['sustained'])}`);
    } else {
      // First alone, then while uncached city KPI summaries run back to back (one at a time, as fast
      // as they come back): the refresh shares the two cores with them.
      report['refresh_ms'] = await runBatches('alone:');
      let loading = true;
      const kpiUnderLoad: number[] = [];
      const kpiLoop = (async () => {
        while (loading) {
          const started = performance.now();
          await kpiSummary(warehouse, city, until);
          kpiUnderLoad.push(performance.now() - started);
        }
      })();
      // A failing summary ends the loop: it is awaited with the batches, so its error is the run's.
      try {
        [report['refresh_ms_under_kpi_load']] = await Promise.all([runBatches('under KPI load:').finally(() => { loading = false; }), kpiLoop]);
      } finally {
        loading = false;
      }
      report['city_kpi_uncached_under_load_ms'] = summary(kpiUnderLoad);
      const idle: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await kpiSummary(warehouse, city, until);
        idle.push(performance.now() - started);
      }
      report['city_kpi_uncached_idle_ms'] = summary(idle);
      const seriesQuery = { agency: '000.00.00.H26', from: dateOfDay(dayOf(until) - 89), to: until, scope: 'subtree' as const, view: 'as_was' as const, interval: 'day' as const };
      const series: number[] = [];
      for (let i = 0; i < 10; i++) {
        const started = performance.now();
        await kpiSeries(warehouse, seriesQuery, until, seriesBuckets(seriesQuery.from, seriesQuery.to, 'day'));
        series.push(performance.now() - started);
      }
      report['city_daily_series_90_ms'] = summary(series);
    }
  } finally {
    await closeWarehouse(warehouse);
  }
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

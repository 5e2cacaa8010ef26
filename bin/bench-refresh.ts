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
import { cpus, totalmem } from 'node:os';
import { closeWarehouse, connectWarehouse, parseArgs, queryRows } from '@vanban/common';
import { kpiSummary, type KpiQuery } from '@vanban/api';
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
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', batches: 'string', changes: 'string', until: 'string', 'full-refresh': 'boolean', verbose: 'boolean' });
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
    const refresher = new ModelRefresher(warehouse, { buildLog: flags['verbose'] ? (line) => console.error(line) : undefined, onRefresh: (r) => { if ('error' in r) throw r.error; } });
    await buildModels(warehouse); // whatever arrived since the warehouse was kept
    // Received in the 60 days before --until (not after it: completions are dated --until).
    const recent = `received_at >= toDateTime64('${dateOfDay(dayOf(until) - 60)}', 6, 'UTC') and received_at < toDateTime64('${until} 00:00:00', 6, 'UTC')`;
    const salt = () => Math.floor(Math.random() * 1e9);
    const sample = (n: number, where: string) => `id in (select id from eoffice_raw.incoming_document final where ${where} order by cityHash64(id, ${salt()}) limit ${n})`;
    const city: KpiQuery = { agency: '000.00.00.H26', from: `${until.slice(0, 4)}-01-01`, to: until, scope: 'subtree', view: 'as_was' };

    /** Writes `batches` batches of changes and refreshes after each, as ingest does; the refresh times. */
    const runBatches = async (label: string) => {
      const refreshMs: number[] = [];
      const coresBusy: number[] = [];
      for (let batch = 0; batch < batches; batch++) {
        const [{ top } = { top: '0' }] = await queryRows<{ top: string }>(warehouse, 'select toString(max(id)) as top from eoffice_raw.incoming_document');
        const n = (share: number) => Math.max(1, Math.round(changes * share));
        await rewriteRaw(warehouse, 'incoming_document', sample(n(0.4), recent), { id: `toInt64(${top}) + 1 + rowNumberInAllBlocks()`, status: "'registered'", completed_at: 'null' });
        await rewriteRaw(warehouse, 'incoming_document', sample(n(0.3), `${recent} and status in ('registered', 'assigned', 'in_progress')`),
          { status: "'completed'", completed_at: `toDateTime64('${until} 03:00:00', 6, 'UTC')` });
        await rewriteRaw(warehouse, 'incoming_document', sample(n(0.1), `${recent} and due_date is not null`), { due_date: 'due_date + 5' });
        await rewriteRaw(warehouse, 'assignment', `id in (select id from eoffice_raw.assignment final order by id desc limit ${n(0.1) * 5} ) and cityHash64(id, ${salt()}) % 5 = 0`, { status: "'done'" });
        await rewriteRaw(warehouse, 'outgoing_document', `id in (select id from eoffice_raw.outgoing_document final where status != 'issued' order by id desc limit ${n(0.1)})`,
          { status: "'issued'", issued_at: `toDateTime64('${until} 04:00:00', 6, 'UTC')` });
        // Steps as the e-office logs them (trình, giao xử lý) on documents of the period: new rows of processing_log.
        const [{ topLog } = { topLog: '0' }] = await queryRows<{ topLog: string }>(warehouse, 'select toString(max(id)) as topLog from eoffice_raw.processing_log');
        await rewriteRaw(warehouse, 'processing_log', `id in (select id from eoffice_raw.processing_log final where action in ('submit', 'assign') order by id desc limit ${n(0.3) * 5}) and cityHash64(id, ${salt()}) % 5 = 0`,
          { id: `toInt64(${topLog}) + 1 + rowNumberInAllBlocks()`, at: `toDateTime64('${until} 02:00:00', 6, 'UTC')` });
        const started = performance.now();
        const cpu = process.cpuUsage();
        refresher.notify(['incoming_document', 'assignment', 'outgoing_document', 'processing_log']);
        await refresher.idle();
        refreshMs.push(performance.now() - started);
        // The process's CPU time (chDB runs inside it) over the wall time: how many cores the refresh kept busy.
        const used = process.cpuUsage(cpu);
        coresBusy.push((used.user + used.system) / 1000 / refreshMs.at(-1)!);
        console.error(`${label} batch ${batch + 1}/${batches}: refreshed in ${Math.round(refreshMs.at(-1)!)} ms, ${coresBusy.at(-1)!.toFixed(2)} cores busy`);
      }
      return { ...summary(refreshMs), cores_busy_p50: Number(percentile([...coresBusy].sort((a, b) => a - b), 50).toFixed(2)) };
    };

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
  } finally {
    await closeWarehouse(warehouse);
  }
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

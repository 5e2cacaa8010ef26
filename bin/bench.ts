// `npm run bench -- --scale S`: ingest throughput, model build time and KPI latency on the embedded
// warehouse, and the same KPI answered by PostgreSQL on the same data, side by side in one run.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { closeWarehouse, connectWarehouse, parseArgs, progress, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, ingestTransactions, migrateRaw, type BatchResult, type ChangeMessage } from '@vanban/ingest';
import { bulkLoadPostgres, estimateChanges, simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { kpiSummary, type KpiQuery } from '@vanban/api';
import { kpiSeries, seriesBuckets } from '../api/src/kpi/series.js';
import { RecentBuild } from '../api/src/kpi/current-build.js';
import { readCacheDefaults } from '../api/src/http/read-cache.js';
import { dateOfDay, dayOf, statutoryPeriod } from '../api/src/kpi/periods.js';
import { startPostgres, postgresAvailable } from '../test/support/postgres.js';
import { aggregateKpis, createAggregates, loadCalendar, oracleKpis, refreshAggregates } from '../test/kpi-oracle/index.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

interface Latency { p50: number; p95: number; runs: number }

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}

async function latency(runs: number, fn: () => Promise<unknown>): Promise<Latency> {
  await fn(); // warm-up: first use loads marks and caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(fn))[1]);
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), runs };
}

async function main() {
  const flags = parseArgs(process.argv.slice(2), { scale: 'string', seed: 'string', until: 'string', runs: 'string', 'skip-postgres': 'boolean', 'sample-events': 'string', 'data-dir': 'string', 'reuse': 'boolean', 'pg-runs': 'string', direct: 'boolean' });
  const simulation = { seed: Number(flags['seed'] ?? 222), scale: Number(flags['scale'] ?? 0.1), until: String(flags['until'] ?? '2026-10-31') };
  const runs = Number(flags['runs'] ?? 30);
  const year = { from: `${Number(simulation.until.slice(0, 4)) - 1}-01-01`, to: `${Number(simulation.until.slice(0, 4)) - 1}-12-31` };
  const { from: statutoryFrom, to: statutoryTo } = statutoryPeriod('yearly', year.to.replace(/-31$/, '-14'));
  const statutoryYear = { from: statutoryFrom, to: statutoryTo };
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    simulation,
  };
  // --data-dir keeps the warehouse afterwards; --reuse then measures queries on it without ingesting again.
  const keptDir = flags['data-dir'] as string | undefined;
  const reuse = Boolean(flags['reuse']) && keptDir !== undefined;
  const dataDir = keptDir ?? mkdtempSync(path.join(tmpdir(), 'vanban-bench-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  try {
    await migrateRaw(warehouse);

    if (!reuse) await ingestAndBuild(warehouse, simulation, flags, report);

    // 4. KPI latency over one year: the city, a district with its communes, one commune.
    const [district] = await warehouse.query({ query: "select code from analytics.dim_agency where kind = 'district' order by agency_id limit 1", format: 'JSONEachRow' }).then((r) => r.json<{ code: string }>());
    const [commune] = await warehouse.query({ query: "select code from analytics.dim_agency where kind = 'commune' order by agency_id limit 1", format: 'JSONEachRow' }).then((r) => r.json<{ code: string }>());
    const today = simulation.until;
    const queries: Record<string, KpiQuery> = {
      city: { agency: '000.00.00.H26', ...year, scope: 'subtree', view: 'as_was' },
      district_subtree: { agency: district!.code, ...year, scope: 'subtree', view: 'as_was' },
      one_agency: { agency: commune!.code, ...year, scope: 'self', view: 'as_was' },
      city_as_is: { agency: '000.00.00.H26', ...year, scope: 'subtree', view: 'as_is' },
      // The statutory year of Decree 09/2019 (15 December to 14 December), as the reports read it:
      // whole months in the middle, days at both edges.
      city_statutory_year: { agency: '000.00.00.H26', ...statutoryYear, scope: 'subtree', view: 'as_was' },
      one_agency_statutory_year: { agency: commune!.code, ...statutoryYear, scope: 'self', view: 'as_was' },
    };
    const kpiLatency: Record<string, Latency> = {};
    // Uncached answers, computed as the API computes them: on the build it looked up at most
    // asOfTtlMs ago (the read cache's RecentBuild), which tags its answers too.
    const recentBuild = new RecentBuild(warehouse, readCacheDefaults.asOfTtlMs);
    for (const [name, query] of Object.entries(queries)) {
      kpiLatency[name] = await latency(runs, async () => kpiSummary(warehouse, query, today, undefined, await recentBuild.get()));
      console.error(`KPI ${name}: p50 ${kpiLatency[name]!.p50.toFixed(1)} ms, p95 ${kpiLatency[name]!.p95.toFixed(1)} ms`);
    }
    // A daily series of the city over the year's last 90 days: one query for all its points.
    const seriesQuery = { agency: '000.00.00.H26', from: dateOfDay(dayOf(year.to) - 89), to: year.to, scope: 'subtree' as const, view: 'as_was' as const, interval: 'day' as const };
    kpiLatency['city_daily_series_90'] = await latency(runs, async () => kpiSeries(warehouse, seriesQuery, today, seriesBuckets(seriesQuery.from, seriesQuery.to, 'day'), await recentBuild.get()));
    console.error(`KPI daily series (90 points, city): p50 ${kpiLatency['city_daily_series_90']!.p50.toFixed(1)} ms, p95 ${kpiLatency['city_daily_series_90']!.p95.toFixed(1)} ms`);
    report['kpi_latency_ms'] = kpiLatency;

    // 5. The same figures from PostgreSQL on the same data.
    if (!flags['skip-postgres'] && postgresAvailable()) {
      report['postgres'] = await postgresSide(simulation, queries, today, Number(flags['pg-runs'] ?? 10), kpiLatency);
    }
  } finally {
    await closeWarehouse(warehouse);
    if (!keptDir) rmSync(dataDir, { recursive: true, force: true });
  }
  const outDir = path.join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const file = path.join(outDir, `bench-scale-${simulation.scale}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
  console.error(`written to ${file}`);
}

async function ingestAndBuild(warehouse: Warehouse, simulation: { seed: number; scale: number; until: string }, flags: Record<string, unknown>, report: Record<string, unknown>) {
  // 1. Pure ingest: a sample of the event stream held in memory, decoded and written in batches.
  const sampleSize = Number(flags['sample-events'] ?? 1_000_000);
  const sample: ChangeMessage[] = [];
  for await (const message of debeziumMessages(simulate(simulation))) {
    sample.push(message);
    if (sample.length >= sampleSize) break;
  }
  const [, sampleMs] = await time(() => ingestMessages(warehouse, sample, { source: 'bench', batchSize: 100_000 }));
  report['ingest_sample'] = { events: sample.length, seconds: sampleMs / 1000, events_per_s: Math.round(sample.length / (sampleMs / 1000)) };
  console.error(`ingest (in-memory sample): ${sample.length.toLocaleString('en')} events, ${Math.round(sample.length / (sampleMs / 1000)).toLocaleString('en')} events/s`);
  sample.length = 0;

  // 2. The whole history end to end: simulate → Debezium encoding → decode → insert (the sample is replayed: idempotent).
  // --direct skips the messages' JSON (same decoding, same warehouse; tested) for large scales.
  const direct = Boolean(flags['direct']);
  const bar = progress(direct ? 'ingest (full history, direct)' : 'ingest (full stream)', estimateChanges(simulation), 'events', 5000);
  const ingestOptions = { source: 'bench', batchSize: 100_000, onBatch: (b: BatchResult) => bar.add(b.rows + b.skipped + b.deadLetters) };
  const [totals, fullMs] = await time(() => direct
    ? ingestTransactions(warehouse, simulate(simulation), ingestOptions)
    : ingestMessages(warehouse, debeziumMessages(simulate(simulation)), ingestOptions));
  bar.finish();
  report['ingest_full'] = {
    events: totals.messages, seconds: fullMs / 1000, events_per_s: Math.round(totals.messages / (fullMs / 1000)),
    note: direct
      ? 'includes simulation in the same process; changes decoded without their Debezium JSON (--direct)'
      : 'includes simulation and Debezium encoding in the same process',
  };

  // 3. Models.
  const [built, buildMs] = await time(() => buildModels(warehouse));
  report['model_build'] = { seconds: buildMs / 1000, models: built.models.map((m) => ({ name: m.name, seconds: m.ms / 1000, rows: m.rows })) };
  console.error(`models: ${(buildMs / 1000).toFixed(1)} s`);
}

async function postgresSide(simulation: { seed: number; scale: number; until: string }, queries: Record<string, KpiQuery>, today: string, runs: number, warehouseLatency: Record<string, Latency>) {
  const postgres = await startPostgres({ name: 'bench' });
  const client = new pg.Client({ connectionString: postgres.url });
  try {
    const bar = progress('postgres load', estimateChanges(simulation), 'changes', 5000);
    // The same history, folded to its final state and copied in (row-by-row writing is what CDC
    // needs to see, but takes an hour at scale 0.1; the KPI only needs the same end state).
    const [loaded, loadMs] = await time(() => bulkLoadPostgres(postgres.url, simulate(simulation), {
      onProgress: (c) => bar.add(c),
      onCopy: (table, rows) => console.error(`postgres load: copied ${rows.toLocaleString('en')} rows into ${table}`),
    }));
    bar.finish();
    await client.connect();
    await client.query(await import('node:fs').then((fs) => fs.readFileSync(path.join(root, 'infra', 'postgres', 'kpi-indexes.sql'), 'utf8')));
    await client.query('analyze');
    await loadCalendar(client, path.join(root, 'data', 'reference', 'calendar', 'vn_calendar.csv'));
    const out: Record<string, unknown> = { load: { changes: loaded.changes, final_rows: loaded.rows, seconds: loadMs / 1000, method: 'fold in memory, then COPY' } };
    const ratios: Record<string, number> = {};
    const pgLatency: Record<string, Latency> = {};
    for (const [name, q] of Object.entries(queries)) {
      pgLatency[name] = await latency(runs, () => oracleKpis(client, { agencyCode: q.agency, from: q.from, to: q.to, scope: q.scope, view: q.view, today }));
      ratios[name] = pgLatency[name]!.p50 / warehouseLatency[name]!.p50;
      console.error(`PostgreSQL ${name}: p50 ${pgLatency[name]!.p50.toFixed(1)} ms → warehouse is ${ratios[name]!.toFixed(1)}× faster`);
    }
    out['kpi_latency_ms'] = pgLatency;
    out['ratio_postgres_over_warehouse_p50'] = ratios;

    // The fair peer: PostgreSQL answering from the same daily and monthly aggregates, kept as
    // materialized views (test/kpi-oracle/aggregates.sql), for the as_was queries.
    const [, createMs] = await time(() => createAggregates(client));
    const [, refreshMs] = await time(() => refreshAggregates(client));
    const viewLatency: Record<string, Latency> = {};
    const viewRatios: Record<string, number> = {};
    for (const [name, q] of Object.entries(queries).filter(([, q]) => q.view === 'as_was')) {
      viewLatency[name] = await latency(runs, () => aggregateKpis(client, { agencyCode: q.agency, from: q.from, to: q.to, scope: q.scope, view: q.view, today }));
      viewRatios[name] = viewLatency[name]!.p50 / warehouseLatency[name]!.p50;
      console.error(`PostgreSQL from materialized aggregates ${name}: p50 ${viewLatency[name]!.p50.toFixed(1)} ms → warehouse is ${viewRatios[name]!.toFixed(1)}× faster`);
    }
    console.error(`PostgreSQL materialized aggregates: created in ${(createMs / 1000).toFixed(1)} s, refreshed in ${(refreshMs / 1000).toFixed(1)} s`);
    out['materialized_aggregates'] = { create_seconds: createMs / 1000, refresh_seconds: refreshMs / 1000, kpi_latency_ms: viewLatency, ratio_over_warehouse_p50: viewRatios };
    return out;
  } finally {
    await client.end().catch(() => undefined);
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

// `npm run bench:cdc`: the production CDC path measured on this machine, with real PostgreSQL,
// Kafka, Kafka Connect + Debezium and chDB, in one run:
//   1. initial load: Debezium's snapshot of an existing database, rows/s until the warehouse has it;
//   2. freshness: source commit → visible in /api/v1/kpis (data_as_of of the models), p50/p95, while
//      the source changes at a steady rate (default 1,000 changes/s) and the models refresh after
//      every batch;
//   3. sustained changes/s through Debezium: changes written while the connector is paused, then
//      drained (so the source's own write speed does not cap the figure);
//   4. the same through the direct logical-replication path;
//   5. raw ceilings in the same run: a bare kafkajs consumer over the same topics, and bare chDB
//      inserts of the same rows.
// Options: --rate N (changes/s for freshness, default 1000) --seconds N (default 30) --drain N (changes
// for 3 and 4, default 200000) --freshness-only (1 and 2). The source is, by default, the first million
// changes of a small simulated history (seed 31, scale 0.05), snapshotted by Debezium; with --until DAY
// it is the whole history through DAY at --scale S (--seed N), folded into PostgreSQL and copied by
// ClickHouse at the connector's slot (Debezium's own snapshot reads 7–14 k rows/s: half an hour at
// scale 0.1), every model built, and the changes after DAY streamed through Debezium.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { closeWarehouse, connectWarehouse, parseArgs, progress, queryRows, type Warehouse } from '@vanban/common';
import {
  BatchBuilder, connectorRunning, connectorSlotPosition, connectorStatus, copyFromPostgres, migrateRaw, purgeDocumentFacts, registerConnector, sourceTables, startDirectIngest, startKafkaIngest,
  writeBatch, debeziumMessages, snapshotCondition, type SourceTable, type SourceTransaction,
} from '@vanban/ingest';
import { bulkLoadPostgres, estimateChanges, simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { buildModels, ModelRefresher } from '@vanban/transform';
import { dataAsOf } from '@vanban/api';
import { startPostgres } from '../test/support/postgres.js';
import { startCdc } from '../test/support/cdc.js';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** What of a source table reaches the warehouse: not secret documents, nor their children. */
const reachesWarehouse = (table: SourceTable) => { const condition = snapshotCondition(table); return condition ? `where ${condition}` : ''; };

async function sourceRows(client: pg.Client): Promise<number> {
  let total = 0;
  for (const table of Object.keys(sourceTables) as SourceTable[]) {
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from eoffice.${table} ${reachesWarehouse(table)}`);
    total += Number(rows[0]!.n);
  }
  return total;
}

/**
 * Per table: current rows and the sum of their updated_at in milliseconds. Updates change the sum,
 * so equal fingerprints mean the warehouse has caught up (row counts alone would not see updates).
 */
async function sourceFingerprint(source: pg.Client): Promise<string> {
  const parts: string[] = [];
  for (const table of Object.keys(sourceTables) as SourceTable[]) {
    const { rows } = await source.query<{ n: string; s: string | null }>(
      `select count(*)::text as n, coalesce(sum(floor(extract(epoch from updated_at) * 1000)::bigint), 0)::text as s from eoffice.${table} ${reachesWarehouse(table)}`);
    parts.push(`${table}:${rows[0]!.n}:${rows[0]!.s}`);
  }
  return parts.join('|');
}

async function warehouseFingerprint(warehouse: Warehouse): Promise<string> {
  const parts: string[] = [];
  for (const table of Object.keys(sourceTables)) {
    const [row] = await queryRows<{ n: string; s: string }>(warehouse,
      // Summed as Int128: from about 5 M rows (scale 0.1's processing_log) an Int64 sum of epoch
      // milliseconds wraps around, where PostgreSQL's numeric sum does not.
      `select toString(count()) as n, toString(sum(toInt128(toUnixTimestamp64Milli(updated_at)))) as s from eoffice_raw.${table} final`);
    parts.push(`${table}:${row!.n}:${row!.s}`);
  }
  return parts.join('|');
}

/** Waits until the warehouse holds exactly the source's current state (see the fingerprints). */
async function caughtUp(source: pg.Client, warehouse: Warehouse, timeoutMs: number): Promise<void> {
  const expected = await sourceFingerprint(source);
  const deadline = Date.now() + timeoutMs;
  while ((await warehouseFingerprint(warehouse)) !== expected) {
    if (Date.now() > deadline) throw new Error('the warehouse did not catch up with the source');
    await sleep(200);
  }
}

/** Source changes recorded by Debezium's source.ts_ms reach the warehouse progress table. */
async function lastSourceCommitMs(warehouse: Warehouse): Promise<number> {
  const [row] = await queryRows<{ ms: string }>(warehouse, 'select toString(toUnixTimestamp64Milli(max(max_source_ts))) as ms from eoffice_raw._ingest_progress');
  return Number(row?.ms ?? 0);
}

async function truncateRaw(warehouse: Warehouse): Promise<void> {
  for (const table of [...Object.keys(sourceTables), '_ingest_progress', '_dead_letter', '_secret_dropped']) {
    await warehouse.command({ query: `truncate table eoffice_raw.${table}` });
  }
}

/** The simulated source, read once in commit order. */
class History {
  private held: SourceTransaction | undefined;

  constructor(private readonly source: Iterator<SourceTransaction>) {}

  /** Transactions until about `changes` changes are taken. */
  take(changes: number): SourceTransaction[] {
    const out: SourceTransaction[] = [];
    let n = 0;
    while (n < changes) {
      const tx = this.next();
      if (!tx) break;
      out.push(tx);
      n += tx.changes.length;
    }
    return out;
  }

  /** Every transaction committed before `endMs`, streamed (a whole history is too large to hold); the next one is kept for later. */
  *through(endMs: number): Generator<SourceTransaction> {
    for (let tx = this.next(); tx; tx = this.next()) {
      if (Date.parse(tx.commitTime) >= endMs) {
        this.held = tx;
        return;
      }
      yield tx;
    }
  }

  private next(): SourceTransaction | undefined {
    const held = this.held;
    this.held = undefined;
    if (held) return held;
    const next = this.source.next();
    return next.done ? undefined : next.value;
  }
}

const dayMs = 86_400_000;
/** The end of a local day in Hanoi (UTC+7, no daylight saving), as the simulator's days end. */
const endOfLocalDayMs = (day: string) => Date.parse(`${day}T00:00:00+07:00`) + dayMs;

const count = (txs: SourceTransaction[]) => txs.reduce((n, tx) => n + tx.changes.length, 0);

async function main() {
  const flags = parseArgs(process.argv.slice(2), {
    rate: 'string', seconds: 'string', drain: 'string', 'freshness-only': 'boolean', scale: 'string', until: 'string', seed: 'string',
  });
  const rate = Number(flags['rate'] ?? 1000);
  const seconds = Number(flags['seconds'] ?? 30);
  const drain = Number(flags['drain'] ?? 200_000);
  const until = flags['until'] as string | undefined;
  const scale = Number(flags['scale'] ?? 0.05);
  const seed = Number(flags['seed'] ?? 31);
  if (until !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(until)) throw new Error(`--until takes a day (YYYY-MM-DD), not ${until}`);
  if (!(scale > 0)) throw new Error(`--scale takes a positive number, not ${String(flags['scale'])}`);
  const report: Record<string, unknown> = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
    source: until ? { seed, scale, history_until: until } : { seed, scale, first_changes: 1_000_000 },
  };
  const postgres = await startPostgres({ name: 'bench-cdc' });
  const cdc = await startCdc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'bench-cdc-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  const source = new pg.Client({ connectionString: postgres.url });
  // With --until, the simulation runs on past the day: the changes after it are the stream measured.
  const history = new History(simulate({
    seed, scale, until: until ? new Date(endOfLocalDayMs(until) + 120 * dayMs).toISOString().slice(0, 10) : '2026-10-31',
  })[Symbol.iterator]());
  const connector = {
    PGHOST: '127.0.0.1', PGPORT: String(postgres.port), PGUSER: 'postgres', PGPASSWORD: '', PGDATABASE: 'eoffice', KAFKA_BOOTSTRAP: cdc.bootstrap,
  };
  try {
    await migrateRaw(warehouse);
    await buildModels(warehouse);
    await source.connect();

    // Refresh durations during the freshness phase: the part of the staleness the models add.
    const refreshMs: number[] = [];
    let recordRefreshes = false;
    const refresher = new ModelRefresher(warehouse, { purgeFacts: purgeDocumentFacts, onRefresh: (r) => { if (recordRefreshes && 'ms' in r) refreshMs.push(r.ms); } });
    const startIngest = () => startKafkaIngest(warehouse, { brokers: [cdc.bootstrap], databaseUrl: postgres.url, onBatch: (b) => refresher.notify(b.tables, b, b.purged) });
    let kafkaIngest: Awaited<ReturnType<typeof startIngest>>;
    let started: number;
    if (until) {
      // 1. Initial load of a whole history: folded into PostgreSQL, copied by ClickHouse at the
      // connector's slot (Debezium starts without a snapshot), then every model built.
      const bar = progress('postgres load', estimateChanges({ seed, scale, until }), 'changes', 5000);
      const loaded = await bulkLoadPostgres(postgres.url, history.through(endOfLocalDayMs(until)), {
        onProgress: (c) => bar.add(c),
        onCopy: (table, rows) => console.error(`postgres load: copied ${rows.toLocaleString('en')} rows into ${table}`),
      });
      bar.finish();
      const rows = await sourceRows(source);
      await registerConnector(cdc.connectUrl, connector, { 'snapshot.mode': 'no_data' });
      await connectorRunning(cdc.connectUrl);
      started = performance.now();
      await copyFromPostgres(warehouse, postgres.url, await connectorSlotPosition(postgres.url), (line) => console.error(line));
      const copySeconds = (performance.now() - started) / 1000;
      report['initial_load_bulk'] = { history_changes: loaded.changes, rows, seconds: copySeconds, rows_per_s: Math.round(rows / copySeconds) };
      console.error(`initial load (ClickHouse copies PostgreSQL at the slot): ${rows.toLocaleString('en')} rows, ${Math.round(rows / copySeconds).toLocaleString('en')} rows/s`);
      started = performance.now();
      const build = await buildModels(warehouse, { fullRefresh: true });
      const buildSeconds = (performance.now() - started) / 1000;
      const slowest = [...build.models].sort((a, b) => b.ms - a.ms).slice(0, 5).map((m) => ({ model: m.name, seconds: m.ms / 1000 }));
      report['full_build'] = { seconds: buildSeconds, slowest };
      console.error(`full build of the models: ${buildSeconds.toFixed(1)} s`);
      kafkaIngest = await startIngest();
      // A first change through the whole path before the clock starts: the consumer has joined its
      // group (several seconds) and the stream flows.
      await writeToPostgres(postgres.url, history.take(1));
      await caughtUp(source, warehouse, 1_800_000);
    } else {
      // 1. Initial load through Debezium's snapshot.
      await bulkLoadPostgres(postgres.url, history.take(1_000_000));
      const rows = await sourceRows(source);
      started = performance.now();
      await registerConnector(cdc.connectUrl, connector);
      kafkaIngest = await startIngest();
      await caughtUp(source, warehouse, 1_800_000);
      const snapshotSeconds = (performance.now() - started) / 1000;
      report['initial_load_debezium'] = { rows, seconds: snapshotSeconds, rows_per_s: Math.round(rows / snapshotSeconds) };
      console.error(`initial load (Debezium snapshot → warehouse): ${rows.toLocaleString('en')} rows, ${Math.round(rows / snapshotSeconds).toLocaleString('en')} rows/s`);
    }
    await refresher.idle();

    // 2. Freshness at a steady rate: staleness of the models' data_as_of, sampled every 250 ms.
    const steady = history.take(rate * seconds);
    // Two stalenesses: of the models (what the API serves) and of the raw tables (ingest alone).
    const samples: number[] = [];
    const rawSamples: number[] = [];
    let writing = true;
    const sampler = (async () => {
      await sleep(3000); // let the pipeline reach its steady state
      while (writing) {
        const asOf = await dataAsOf(warehouse);
        if (asOf) samples.push(Date.now() - Date.parse(asOf));
        rawSamples.push(Date.now() - (await lastSourceCommitMs(warehouse)));
        await sleep(250);
      }
    })();
    started = performance.now();
    recordRefreshes = true;
    let written = 0;
    for (let i = 0; i < steady.length;) {
      const slice: SourceTransaction[] = [];
      let n = 0;
      while (i < steady.length && n < rate / 10) { slice.push(steady[i]!); n += steady[i]!.changes.length; i++; }
      await writeToPostgres(postgres.url, slice);
      written += n;
      const due = (written / rate) * 1000 - (performance.now() - started);
      if (due > 0) await sleep(due);
    }
    const achieved = written / ((performance.now() - started) / 1000);
    writing = false;
    recordRefreshes = false;
    await sampler;
    samples.sort((a, b) => a - b);
    rawSamples.sort((a, b) => a - b);
    refreshMs.sort((a, b) => a - b);
    report['freshness_debezium'] = {
      target_rate: rate, achieved_rate: Math.round(achieved), samples: samples.length,
      p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), max_ms: samples.at(-1),
      raw_tables: { p50_ms: percentile(rawSamples, 50), p95_ms: percentile(rawSamples, 95) },
      model_refresh: { count: refreshMs.length, p50_ms: percentile(refreshMs, 50), p95_ms: percentile(refreshMs, 95) },
    };
    console.error(`  model refreshes: ${refreshMs.length}, p50 ${percentile(refreshMs, 50)} ms, p95 ${percentile(refreshMs, 95)} ms`);
    console.error(`  of which ingest alone (commit → raw tables): p50 ${percentile(rawSamples, 50)} ms, p95 ${percentile(rawSamples, 95)} ms`);
    console.error(`freshness at ${Math.round(achieved)} changes/s: p50 ${percentile(samples, 50)} ms, p95 ${percentile(samples, 95)} ms (commit → visible in /api/v1/kpis)`);
    await caughtUp(source, warehouse, 600_000);
    await refresher.idle();
    // Phases 3–5 (skipped with --freshness-only).
    const throughputAndCeilings = async () => {
      // 3. Sustained changes/s through Debezium: write while the connector is paused, then drain.
      await fetch(`${cdc.connectUrl}/connectors/eoffice/pause`, { method: 'PUT' });
      await sleep(2000);
      const burst = history.take(drain);
      await writeToPostgres(postgres.url, burst);
      const burstChanges = count(burst);
      started = performance.now();
      await fetch(`${cdc.connectUrl}/connectors/eoffice/resume`, { method: 'PUT' });
      await caughtUp(source, warehouse, 1_800_000);
      let drainSeconds = (performance.now() - started) / 1000;
      report['sustained_debezium'] = { changes: burstChanges, seconds: drainSeconds, changes_per_s: Math.round(burstChanges / drainSeconds) };
      console.error(`sustained through Debezium: ${Math.round(burstChanges / drainSeconds).toLocaleString('en')} changes/s`);
      await kafkaIngest.stop();
      await refresher.idle();

      // 5a. Ceiling: a bare kafkajs consumer reading every message of the topics once.
      const kafka = new Kafka({ clientId: 'bench-ceiling', brokers: [cdc.bootstrap], logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      let inTopics = 0;
      for (const table of Object.keys(sourceTables)) {
        for (const p of await admin.fetchTopicOffsets(`eoffice.eoffice.${table}`)) inTopics += Number(p.high) - Number(p.low);
      }
      await admin.disconnect();
      const bare = kafka.consumer({ groupId: `bench-bare-${Date.now()}`, maxBytesPerPartition: 16 * 1024 * 1024, maxBytes: 64 * 1024 * 1024 });
      await bare.connect();
      await bare.subscribe({ topics: Object.keys(sourceTables).map((t) => `eoffice.eoffice.${t}`), fromBeginning: true });
      let consumed = 0;
      started = performance.now();
      await bare.run({ eachBatch: async ({ batch }) => { consumed += batch.messages.length; } });
      while (consumed < inTopics) await sleep(50);
      const bareSeconds = (performance.now() - started) / 1000;
      await bare.disconnect();
      report['ceiling_kafka_consumer'] = { messages: consumed, messages_per_s: Math.round(consumed / bareSeconds) };
      console.error(`ceiling, bare kafkajs consumer: ${Math.round(consumed / bareSeconds).toLocaleString('en')} messages/s`);

      // 5b. Ceiling: bare chDB inserts of the burst's rows, already decoded.
      const builder = new BatchBuilder();
      for await (const message of debeziumMessages(burst)) builder.add(message);
      const prepared = builder.take()!;
      started = performance.now();
      await writeBatch(warehouse, prepared, { source: 'bench-ceiling' });
      const insertSeconds = (performance.now() - started) / 1000;
      const insertRows = prepared.rows.reduce((n, r) => n + r.count, 0) + prepared.children.reduce((n, c) => n + c.lines.length, 0);
      report['ceiling_clickhouse_insert'] = { rows: insertRows, rows_per_s: Math.round(insertRows / insertSeconds) };
      console.error(`ceiling, bare chDB insert: ${Math.round(insertRows / insertSeconds).toLocaleString('en')} rows/s`);

      // 4. The direct path: its own snapshot, then a drained burst.
      await fetch(`${cdc.connectUrl}/connectors/eoffice`, { method: 'DELETE' });
      await truncateRaw(warehouse);
      const allRows = await sourceRows(source);
      started = performance.now();
      let direct = await startDirectIngest(warehouse, { databaseUrl: postgres.url });
      await caughtUp(source, warehouse, 1_800_000);
      const directSnapshot = (performance.now() - started) / 1000;
      report['initial_load_direct'] = { rows: allRows, seconds: directSnapshot, rows_per_s: Math.round(allRows / directSnapshot) };
      console.error(`initial load (direct snapshot): ${Math.round(allRows / directSnapshot).toLocaleString('en')} rows/s`);
      await direct.stop();
      const burst2 = history.take(drain);
      await writeToPostgres(postgres.url, burst2);
      started = performance.now();
      direct = await startDirectIngest(warehouse, { databaseUrl: postgres.url });
      await caughtUp(source, warehouse, 1_800_000);
      drainSeconds = (performance.now() - started) / 1000;
      report['sustained_direct'] = { changes: count(burst2), seconds: drainSeconds, changes_per_s: Math.round(count(burst2) / drainSeconds) };
      console.error(`sustained through the direct path: ${Math.round(count(burst2) / drainSeconds).toLocaleString('en')} changes/s`);
      await direct.stop();
      report['note'] = `last source commit in the warehouse ${new Date(await lastSourceCommitMs(warehouse)).toISOString()}`;
    };
    if (flags['freshness-only']) await kafkaIngest.stop();
    else await throughputAndCeilings();
  } finally {
    await source.end().catch(() => undefined);
    await closeWarehouse(warehouse);
    rmSync(dataDir, { recursive: true, force: true });
    await cdc.stop();
    await postgres.stop();
  }
  const outDir = path.join(root, 'bench-results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, until ? `bench-cdc-scale-${scale}.json` : 'bench-cdc.json'), JSON.stringify(report, null, 2));
  console.log(JSON.stringify(report, null, 2));
}

main().catch((error: unknown) => {
  console.error(`bench:cdc failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

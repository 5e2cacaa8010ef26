// `npm start`: the whole product on embedded defaults in one process — simulated Hanoi e-office
// source → Debezium-format change events → ingest → chDB → models → API and portal on one URL.
// A second start with the same --data-dir reuses what the first one built.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectWarehouse, loadConfig, parseArgs, progress, type AppConfig, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { estimateChanges, simulate } from '@vanban/ingest/simulator';
import { buildModelsRebuildingOutdated } from '@vanban/transform';
import { alertConfig, buildApp, digestSetup, localToday } from '@vanban/api';
import { ensurePortalBuilt, startPortal } from '../dashboard/host/portal-host.js';


interface LoadedData { seed: number; scale: number; until: string; events: number; loadedAt: string }

async function main() {
  const flags = parseArgs(process.argv.slice(2), { seed: 'string', scale: 'string', until: 'string', 'data-dir': 'string', port: 'string' });
  const config = loadConfig({
    dataDir: flags['data-dir'] as string | undefined,
    port: flags['port'] === undefined ? undefined : Number(flags['port']),
    simulation: {
      seed: flags['seed'] === undefined ? undefined : Number(flags['seed']),
      scale: flags['scale'] === undefined ? undefined : Number(flags['scale']),
      until: flags['until'] as string | undefined,
    },
  });
  const today = () => config.today ?? localToday();
  const dashboardBuild = ensurePortalBuilt();

  const warehouse = await connectWarehouse(config);
  await migrateRaw(warehouse);
  const loaded = await loadSimulatedSource(warehouse, config, today());
  console.error(`Warehouse: ${loaded.events.toLocaleString('en')} change events of a simulated Hanoi (seed ${loaded.seed}, scale ${loaded.scale}, until ${loaded.until}) in ${config.dataDir}`);

  const started = Date.now();
  const built = await buildModelsRebuildingOutdated(warehouse, { calendarDir: config.calendarDir, log: (line) => console.error(`models: ${line}`) });
  console.error(`models: ${built.models.length} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  await dashboardBuild;
  // The portal's server components read the API over HTTP on the same port.
  const pages = await startPortal(config.host, config.port, `http://${config.host}:${config.port}`);
  const app = await buildApp({
    warehouse, today, logLevel: config.logLevel === 'info' ? 'warn' : config.logLevel, pages,
    reportSchedule: config.reports.schedule === 'on' ? config.reports : undefined,
    alerts: alertConfig(config.alerts, config.portalUrl),
    digest: digestSetup(config),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`\nCổng phân tích văn bản Hà Nội (DEMO mode: aggregate figures open, named-staff lists after the demo sign-in; listening on ${config.host} only):\n  ${address}/\n  API: ${address}/api/v1/kpis?agency=000.00.00.H26&from=${loaded.until.slice(0, 4)}-01-01&to=${loaded.until}\n  Báo cáo định kỳ: ${address}/bao-cao\n  API documentation: ${address}/api/docs  (demo accounts: lanhdao, sonoivu, vanthuxa; password "demo")\n`);
  const stop = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Simulates and ingests the source once per data directory; later starts reuse it. */
async function loadSimulatedSource(warehouse: Warehouse, config: AppConfig, today: string): Promise<LoadedData> {
  const marker = path.join(config.dataDir, 'simulation.json');
  // By default the history ends with yesterday: a simulated day is complete, so no change is stamped
  // later than the clock (data_as_of stays in the past).
  const yesterday = new Date(Date.parse(`${today}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const wanted = { seed: config.simulation.seed, scale: config.simulation.scale, until: config.simulation.until ?? yesterday };
  if (existsSync(marker)) {
    const previous = JSON.parse(readFileSync(marker, 'utf8')) as LoadedData;
    const asked = config.simulation;
    const conflicts = (asked.until !== undefined && asked.until !== previous.until)
      || config.simulation.seed !== previous.seed || config.simulation.scale !== previous.scale;
    if (conflicts) {
      throw new Error(`${config.dataDir} already holds seed ${previous.seed}, scale ${previous.scale}, until ${previous.until}. ` +
        'Start with those options, or choose another --data-dir for a different simulation.');
    }
    return previous;
  }
  const bar = progress('ingest', estimateChanges(wanted), 'events');
  const totals = await ingestMessages(warehouse, debeziumMessages(simulate(wanted)), {
      source: 'simulator',
      batchSize: 100_000,
      onBatch: (batch) => bar.add(batch.rows + batch.deadLetters + batch.skipped),
    });
  bar.finish();
  if (totals.deadLetters > 0) console.error(`ingest: ${totals.deadLetters} events went to eoffice_raw._dead_letter`);
  console.error(`ingest: ${totals.secretDropped} secret document changes dropped (counted in eoffice_raw._secret_dropped)`);
  const loaded: LoadedData = { ...wanted, events: totals.messages, loadedAt: new Date().toISOString() };
  writeFileSync(marker, JSON.stringify(loaded, null, 2));
  return loaded;
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

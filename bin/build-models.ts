// `npm run models`: builds the dbt models once against the configured warehouse and runs their
// tests, as a separate job (e.g. after each ingest batch window in production). `--full-refresh`
// rebuilds incremental models from scratch, as `dbt build --full-refresh` does; `--select a,b` builds
// only those models, as `dbt build --select` (e.g. one model whose order_by or settings changed:
// `--select agg_agency_daily,agg_city_daily --full-refresh`: the city rows are added up again from
// scratch too, since a rebuilt table leaves no retired row to say which days went away).
import { connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { buildModels, runModelTests } from '@vanban/transform';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', test: 'boolean', 'full-refresh': 'boolean', select: 'string' });
  const config = loadConfig({ dataDir: flags['data-dir'] as string | undefined });
  const warehouse = await connectWarehouse(config);
  const started = Date.now();
  const built = await buildModels(warehouse, { calendarDir: config.calendarDir, log: (line) => console.error(line), fullRefresh: Boolean(flags['full-refresh']),
    // Some models only: the others may not hold what was ingested, so the build vouches for nothing
    // new (data_as_of stays where the last whole build or refresh left it).
    ...(flags['select'] ? { select: String(flags['select']).split(',').map((name) => name.trim()), vouchedAsOf: () => null } : {}),
  });
  console.error(`${built.models.length} models built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (flags['test']) {
    const failing = (await runModelTests(warehouse)).filter((t) => t.failures > 0);
    for (const t of failing) console.error(`FAIL ${t.name}: ${t.failures} rows`);
    if (failing.length > 0) process.exit(1);
    console.error('all model tests pass');
  }
  await warehouse.close();
}

main().catch((error: unknown) => {
  console.error(`models failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// `npm run ingest -- --source kafka|pg-direct`: the ingest service against the configured warehouse
// (a ClickHouse server by CLICKHOUSE_URL, or an embedded data directory no other process holds).
// It keeps the models current after each batch (transform's refresher) and logs progress.
//   kafka:     --brokers 127.0.0.1:19092 (or KAFKA_BROKERS)       consumer group vanban-ingest
//   pg-direct: --database-url postgres://… (or DATABASE_URL)      slot vanban_direct, publication eoffice
import { connectWarehouse, createLogger, loadConfig, parseArgs } from '@vanban/common';
import { migrateRaw, startDirectIngest, startKafkaIngest, type BatchResult } from '@vanban/ingest';
import { buildModels, ModelRefresher } from '@vanban/transform';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { source: 'string', brokers: 'string', 'database-url': 'string', 'data-dir': 'string' });
  const config = loadConfig({ dataDir: flags['data-dir'] as string | undefined });
  const log = createLogger('ingest', config.logLevel);
  const source = String(flags['source'] ?? 'kafka');
  const warehouse = await connectWarehouse(config);
  await migrateRaw(warehouse);
  await buildModels(warehouse, { calendarDir: config.calendarDir, log: (line) => log.info(`models: ${line}`) });
  const refresher = new ModelRefresher(warehouse, { log: (line) => log.info(`models: ${line}`) });
  const onBatch = (batch: BatchResult & { lag?: number }) => {
    log.info({ rows: batch.rows, deadLetters: batch.deadLetters, secretDropped: batch.secretDropped, lag: batch.lag, sourceTs: new Date(batch.maxSourceTsMs).toISOString() }, 'batch written');
    refresher.notify(batch.tables);
  };

  let stop: () => Promise<void>;
  if (source === 'kafka') {
    const brokers = String(flags['brokers'] ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
    const ingest = await startKafkaIngest(warehouse, { brokers, onBatch, log: (line) => log.warn(line) });
    stop = () => ingest.stop();
    log.info({ brokers }, 'ingesting from Kafka');
  } else if (source === 'pg-direct') {
    const databaseUrl = String(flags['database-url'] ?? process.env['DATABASE_URL'] ?? '');
    if (!databaseUrl) throw new Error('--source pg-direct needs --database-url or DATABASE_URL');
    const ingest = await startDirectIngest(warehouse, { databaseUrl, onBatch, log: (line) => log.info(line) });
    stop = () => ingest.stop();
  } else {
    throw new Error(`unknown --source ${source}: kafka or pg-direct`);
  }
  const shutdown = async () => {
    log.info('stopping: writing what is in hand, then exiting');
    await stop();
    await refresher.idle();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(`ingest failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// `npm run ingest -- --source kafka|pg-direct`: the ingest service against the configured warehouse
// (a ClickHouse server by CLICKHOUSE_URL, or an embedded data directory no other process holds).
// It keeps the models current after each batch (transform's refresher) and logs progress.
//   kafka:     --brokers 127.0.0.1:19092 (or KAFKA_BROKERS)       consumer group vanban-ingest
//              --database-url postgres://… (or DATABASE_URL)      read-only: is a child row's document secret?
//   pg-direct: --database-url postgres://… (or DATABASE_URL)      slot vanban_direct, publication eoffice
//   --metrics-port P (default 9464): Prometheus metrics on 127.0.0.1:P/metrics (lag, freshness, totals)
import { connectWarehouse, createLogger, loadConfig, parseArgs } from '@vanban/common';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IngestMetrics, migrateRaw, purgeDocumentFacts, startDirectIngest, startKafkaIngest, type BatchResult } from '@vanban/ingest';
import { buildModels, ModelRefresher } from '@vanban/transform';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { source: 'string', brokers: 'string', 'database-url': 'string', 'data-dir': 'string', 'metrics-port': 'string' });
  const config = loadConfig({ dataDir: flags['data-dir'] as string | undefined });
  const log = createLogger('ingest', config.logLevel);
  const source = String(flags['source'] ?? 'kafka');
  const warehouse = await connectWarehouse(config);
  await migrateRaw(warehouse);
  await buildModels(warehouse, { calendarDir: config.calendarDir, log: (line) => log.info(`models: ${line}`) });
  const refresher = new ModelRefresher(warehouse, { log: (line) => log.info(`models: ${line}`), calendarDir: config.calendarDir, purgeFacts: purgeDocumentFacts });
  // A calendar file added or edited in CALENDAR_DIR is picked up without a restart.
  refresher.watchCalendar();
  // The incremental models are checked against a full build into a shadow database, and repaired.
  refresher.scheduleVerification(config.modelsVerifyEveryHours * 3_600_000);
  const metrics = new IngestMetrics();
  const metricsServer = createServer((request, response) => {
    if (request.url !== '/metrics') return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(metrics.render());
  });
  const metricsPort = Number(flags['metrics-port'] ?? 9464);
  metricsServer.on('error', (error) => log.warn(`metrics endpoint not started: ${error.message}`));
  metricsServer.listen(metricsPort, config.host, () => log.info(`metrics on http://${config.host}:${(metricsServer.address() as AddressInfo).port}/metrics`));
  const onBatch = (batch: BatchResult & { topic?: string; partition?: number; lag?: number }) => {
    metrics.record(batch);
    log.info({ rows: batch.rows, deadLetters: batch.deadLetters, secretDropped: batch.secretDropped, lag: batch.lag, sourceTs: new Date(batch.maxSourceTsMs).toISOString() }, 'batch written');
    refresher.notify(batch.tables, batch, batch.purged);
  };

  let stop: () => Promise<void>;
  const databaseUrl = String(flags['database-url'] ?? process.env['DATABASE_URL'] ?? '');
  if (source === 'kafka') {
    const brokers = String(flags['brokers'] ?? process.env['KAFKA_BROKERS'] ?? '127.0.0.1:19092').split(',');
    // Child rows (assignments, logs, …) are kept only if the source says their document is not secret.
    if (!databaseUrl) throw new Error('--source kafka needs --database-url or DATABASE_URL (read-only) to keep secret documents\' children out');
    const ingest = await startKafkaIngest(warehouse, { brokers, databaseUrl, onBatch, log: (line) => log.warn(line) });
    stop = () => ingest.stop();
    log.info({ brokers }, 'ingesting from Kafka');
  } else if (source === 'pg-direct') {
    if (!databaseUrl) throw new Error('--source pg-direct needs --database-url or DATABASE_URL');
    const ingest = await startDirectIngest(warehouse, {
      databaseUrl,
      onBatch,
      log: (line) => log.info(line),
      // Exit so that the supervisor (systemd, Kubernetes) restarts us from the slot's position.
      onFailure: (error) => {
        log.error(`direct ingest stopped: ${error.message}`);
        process.exit(1);
      },
    });
    stop = () => ingest.stop();
  } else {
    throw new Error(`unknown --source ${source}: kafka or pg-direct`);
  }
  const shutdown = async () => {
    log.info('stopping: writing what is in hand, then exiting');
    await stop();
    refresher.stop();
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

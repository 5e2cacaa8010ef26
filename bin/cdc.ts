// Operator commands for the production CDC path (README "Production CDC"):
//   npm run cdc:up      start Kafka and Kafka Connect (infra/kafka/start.sh) and register Debezium;
//                       with `-- --first-load bulk`, Debezium skips its snapshot and ClickHouse copies
//                       the tables straight from PostgreSQL at the slot's position (large databases)
//   npm run cdc:status  replication slot lag, connector state, consumer lag, last event, dead letters
//   npm run cdc:down    stop Connect and Kafka (data and offsets are kept)
//   npm run cdc:resync -- TABLE   re-read one table through a Debezium incremental snapshot
//   tsx bin/cdc.ts register       only register the connector (CONNECT_URL, KAFKA_BOOTSTRAP; deployments)
// The source comes from DATABASE_URL (postgres://user:password@host:port/db); ports from
// KAFKA_PORT / CONNECT_PORT as in infra/kafka/start.sh.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { connectWarehouse, loadConfig, queryRows } from '@vanban/common';
import { connectorRunning, connectorSlotPosition, connectorStatus, copyFromPostgres, isSourceTable, migrateRaw, registerConnector, snapshotCondition } from '@vanban/ingest';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const kafkaPort = process.env['KAFKA_PORT'] ?? '19092';
const connectUrl = process.env['CONNECT_URL'] ?? `http://127.0.0.1:${process.env['CONNECT_PORT'] ?? '18083'}`;
const bootstrap = process.env['KAFKA_BOOTSTRAP'] ?? `127.0.0.1:${kafkaPort}`;

function databaseUrl(): URL {
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('set DATABASE_URL to the e-office PostgreSQL (postgres://user:password@host:port/db)');
  return new URL(url);
}

async function up(firstLoad: string | undefined) {
  execFileSync('bash', [path.join(root, 'infra', 'kafka', 'start.sh')], { stdio: 'inherit' });
  if (firstLoad === 'bulk') {
    await register({ 'snapshot.mode': 'no_data' });
    await bulkFirstLoad();
  } else {
    await register();
  }
}

/** Once the connector's slot exists, ClickHouse copies every table at the slot's position. */
async function bulkFirstLoad() {
  await connectorRunning(connectUrl).catch((error: Error) => { throw new Error(`${error.message} (.data/cdc/connect.log)`); });
  const position = await connectorSlotPosition(databaseUrl().toString());
  const warehouse = await connectWarehouse(loadConfig());
  await migrateRaw(warehouse);
  await copyFromPostgres(warehouse, databaseUrl().toString(), position, (line) => console.log(line));
  await warehouse.close();
}

/** Registers (or updates) the Debezium connector with the Connect worker at CONNECT_URL. */
async function register(overrides: Record<string, string> = {}) {
  const url = databaseUrl();
  await registerConnector(connectUrl, {
    PGHOST: url.hostname, PGPORT: url.port || '5432', PGUSER: decodeURIComponent(url.username),
    PGPASSWORD: decodeURIComponent(url.password), PGDATABASE: url.pathname.slice(1), KAFKA_BOOTSTRAP: bootstrap,
  }, overrides);
  console.log(`Debezium connector "eoffice" registered with ${connectUrl}; start the ingest with: npm run ingest -- --source kafka --brokers ${bootstrap}`);
}

async function status() {
  const url = databaseUrl();
  const source = new pg.Client({ connectionString: url.toString() });
  await source.connect();
  const slots = await source.query(
    `select slot_name, active, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)) as lag
     from pg_replication_slots where slot_name in ('vanban_debezium', 'vanban_direct')`);
  await source.end();
  console.log('replication slots:');
  for (const slot of slots.rows) console.log(`  ${slot.slot_name}: ${slot.active ? 'active' : 'inactive'}, ${slot.lag} behind the source`);

  const connector = await connectorStatus(connectUrl).catch(() => undefined);
  console.log(`connector: ${connector ? `${connector.connector.state}, tasks ${connector.tasks.map((t) => t.state).join(', ')}` : 'not registered or Connect down'}`);

  const kafka = new Kafka({ clientId: 'vanban-cdc-status', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const offsets = await admin.fetchOffsets({ groupId: 'vanban-ingest' });
    let lag = 0;
    for (const { topic, partitions } of offsets) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of partitions) {
        const end = ends.find((e) => e.partition === p.partition);
        if (end) lag += Number(end.high) - Math.max(0, Number(p.offset));
      }
    }
    console.log(`consumer group vanban-ingest: ${lag.toLocaleString('en')} messages behind`);
  } catch (error) {
    console.log(`Kafka: unreachable (${(error as Error).message})`);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }

  const config = loadConfig();
  const warehouse = await connectWarehouse(config);
  const [progress] = await queryRows<{ last: string; events: string }>(warehouse,
    "select toString(max(max_source_ts)) as last, toString(sum(events)) as events from eoffice_raw._ingest_progress where source in ('kafka', 'pg-direct')");
  const [dead] = await queryRows<{ n: string; last: string }>(warehouse, 'select toString(count()) as n, toString(max(received_at)) as last from eoffice_raw._dead_letter');
  console.log(`warehouse: last source commit ${progress?.last ?? 'none'}; ${dead?.n ?? 0} dead letters${Number(dead?.n) > 0 ? ` (latest ${dead?.last}; see eoffice_raw._dead_letter)` : ''}`);
  await warehouse.close();
}

async function resync(table: string | undefined) {
  if (!table || !isSourceTable(table)) throw new Error('usage: npm run cdc:resync -- TABLE (one of the eoffice tables)');
  // read.only=true: the signal goes through Kafka, never into the source database.
  const kafka = new Kafka({ clientId: 'vanban-cdc-resync', brokers: [bootstrap], logLevel: logLevel.WARN });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({
    topic: 'eoffice.signals',
    messages: [{
      key: 'eoffice',
      value: JSON.stringify({
        type: 'execute-snapshot',
        data: {
          'data-collections': [`eoffice.${table}`],
          type: 'INCREMENTAL',
          // Secret documents stay in the source, as in the initial snapshot (the decoder drops them too).
          // Secret documents and their children stay in the source (the same condition as the initial snapshot's).
          ...(snapshotCondition(table) ? { 'additional-conditions': [{ 'data-collection': `eoffice.${table}`, filter: snapshotCondition(table) }] } : {}),
        },
      }),
    }],
  });
  await producer.disconnect();
  console.log(`incremental snapshot of eoffice.${table} requested; its rows arrive as op "r" events and overwrite nothing newer`);
}

async function main() {
  const [command, argument, value] = process.argv.slice(2);
  if (command === 'up') await up(argument === '--first-load' ? value : undefined);
  else if (command === 'register') await register();
  else if (command === 'status') await status();
  else if (command === 'down') execFileSync('bash', [path.join(root, 'infra', 'kafka', 'stop.sh')], { stdio: 'inherit' });
  else if (command === 'resync') await resync(argument);
  else throw new Error('usage: tsx bin/cdc.ts up|register|status|down|resync TABLE');
}

main().catch((error: unknown) => {
  console.error(`cdc failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// A large existing database: instead of Debezium's snapshot, the connector starts with
// snapshot.mode=no_data (its slot marks the position) and ClickHouse copies the tables straight from
// PostgreSQL, versioned with that position; changes meanwhile and afterwards stream through Kafka.
// The copy and the stream must meet with no gap and no double counting.
import { test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { connectorSlotPosition, copyFromPostgres, migrateRaw, startKafkaIngest, type SourceTransaction } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from '../support/postgres.js';
import { javaAvailable, registerAndWait, startCdc } from '../support/cdc.js';
import { requireOrSkip } from '../support/ci.js';
import { assertWarehouseEqualsSource } from '../support/source-compare.js';

test('bulk first load by ClickHouse + Debezium streaming from the slot: the warehouse equals the source', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t) || !requireOrSkip(javaAvailable(), 'Java and Maven', t)) return;
  const postgres = await startPostgres({ name: 'debezium-bulk' });
  const cdc = await startCdc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cdc-bulk-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  let ingest: Awaited<ReturnType<typeof startKafkaIngest>> | undefined;
  try {
    await migrateRaw(warehouse);
    const history: SourceTransaction[] = [...simulate({ seed: 9, scale: 0.001, until: '2022-03-31' })];
    const cut = Math.floor(history.length * 0.5);
    await writeToPostgres(postgres.url, history.slice(0, cut));

    await registerAndWait(cdc, postgres.port, { 'snapshot.mode': 'no_data' });
    // Changes keep coming while the copy runs: they are in the slot's stream, after its position.
    const during = writeToPostgres(postgres.url, history.slice(cut, cut + Math.floor((history.length - cut) / 2)));
    await copyFromPostgres(warehouse, postgres.url, await connectorSlotPosition(postgres.url));
    await during;
    ingest = await startKafkaIngest(warehouse, { brokers: [cdc.bootstrap], databaseUrl: postgres.url, groupId: 'test-bulk' });
    await writeToPostgres(postgres.url, history.slice(cut + Math.floor((history.length - cut) / 2)));

    await assertWarehouseEqualsSource(postgres.url, warehouse, 300_000);
  } finally {
    await ingest?.stop();
    await closeWarehouse(warehouse);
    rmSync(dataDir, { recursive: true, force: true });
    await cdc.stop();
    await postgres.stop();
  }
});

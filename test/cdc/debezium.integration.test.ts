// The production path for real: the simulator writes into PostgreSQL, Debezium's connector in Kafka
// Connect snapshots and then streams the changes into Kafka, and the ingest consumer group writes
// them into the warehouse. Part of the history exists before the connector starts (the snapshot);
// the rest is written while ingest runs. Afterwards the warehouse equals the source, row by row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { migrateRaw, registerConnector, connectorStatus, startKafkaIngest, type SourceTransaction } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from '../support/postgres.js';
import { javaAvailable, startCdc } from '../support/cdc.js';
import { requireOrSkip } from '../support/ci.js';
import { sourceState, warehouseCounts, warehouseState } from '../support/source-compare.js';

async function waitFor(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('PostgreSQL → Debezium → Kafka → ingest: the warehouse equals the source', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t) || !requireOrSkip(javaAvailable(), 'Java and Maven', t)) return;
  const postgres = await startPostgres({ name: 'debezium' });
  const cdc = await startCdc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cdc-warehouse-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  let ingest: Awaited<ReturnType<typeof startKafkaIngest>> | undefined;
  try {
    await migrateRaw(warehouse);
    const history: SourceTransaction[] = [...simulate({ seed: 5, scale: 0.001, until: '2022-03-31' })];
    const cut = Math.floor(history.length * 0.4);
    await writeToPostgres(postgres.url, history.slice(0, cut));

    await registerConnector(cdc.connectUrl, {
      PGHOST: '127.0.0.1', PGPORT: String(postgres.port), PGUSER: 'postgres', PGPASSWORD: '', PGDATABASE: 'eoffice',
      KAFKA_BOOTSTRAP: cdc.bootstrap,
    });
    await waitFor('the connector to run', 60_000, async () => (await connectorStatus(cdc.connectUrl))?.tasks[0]?.state === 'RUNNING');
    ingest = await startKafkaIngest(warehouse, { brokers: [cdc.bootstrap], groupId: 'test-ingest' });

    // The rest of the history arrives while the pipeline runs, in pieces, as an office day would.
    const step = Math.ceil((history.length - cut) / 10);
    for (let i = cut; i < history.length; i += step) {
      await writeToPostgres(postgres.url, history.slice(i, i + step));
      await new Promise((resolve) => setTimeout(resolve, 300));
    }

    const expected = await sourceState(postgres.url);
    const expectedCounts = Object.fromEntries([...expected].map(([table, rows]) => [table, rows.length]));
    assert.ok(expectedCounts['incoming_document']! > 50, 'the simulation wrote documents');
    let counts: Record<string, number> = {};
    await waitFor('the warehouse to catch up', 240_000, async () => {
      counts = await warehouseCounts(warehouse);
      return JSON.stringify(counts) === JSON.stringify(expectedCounts);
    }).catch((error: Error) => {
      throw new Error(`${error.message}: warehouse ${JSON.stringify(counts)} vs source ${JSON.stringify(expectedCounts)}`);
    });
    const actual = await warehouseState(warehouse);
    for (const [table, rows] of expected) assert.deepEqual(actual.get(table), rows, `${table} differs from the source`);
  } finally {
    await ingest?.stop();
    await closeWarehouse(warehouse);
    rmSync(dataDir, { recursive: true, force: true });
    await cdc.stop();
    await postgres.stop();
  }
});

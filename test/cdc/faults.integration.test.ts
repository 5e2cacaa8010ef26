// Faults on the Debezium path, while the source keeps changing: the ingest service is killed with
// SIGKILL mid-stream and restarted, Kafka Connect is restarted, Kafka is restarted. Afterwards the
// warehouse equals the source: nothing lost, nothing doubled.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { connectorStatus, type SourceTransaction } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from '../support/postgres.js';
import { javaAvailable, registerAndWait, startCdc, waitFor } from '../support/cdc.js';
import { requireOrSkip } from '../support/ci.js';
import { sourceState, warehouseState } from '../support/source-compare.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The ingest service as its own process on an embedded warehouse, the way an operator runs it. */
const ingestLog: string[] = [];

function startIngest(bootstrap: string, dataDir: string, databaseUrl: string): { child: ChildProcess; batches: () => number; metricsUrl: () => string | undefined } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin', 'ingest.ts'), '--source', 'kafka', '--brokers', bootstrap, '--data-dir', dataDir, '--metrics-port', '0', '--database-url', databaseUrl], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let batches = 0;
  let metricsUrl: string | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    batches += chunk.toString().split('"batch written"').length - 1;
    metricsUrl ??= /metrics on (http:\/\/[\d.:]+\/metrics)/.exec(chunk.toString())?.[1];
    ingestLog.push(chunk.toString());
  });
  child.stderr!.on('data', (chunk: Buffer) => ingestLog.push(chunk.toString()));
  return { child, batches: () => batches, metricsUrl: () => metricsUrl };
}

async function consumerLag(bootstrap: string): Promise<number> {
  const admin = new Kafka({ clientId: 'test-lag', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    let lag = 0;
    for (const { topic, partitions } of await admin.fetchOffsets({ groupId: 'vanban-ingest' })) {
      const ends = await admin.fetchTopicOffsets(topic);
      for (const p of partitions) lag += Number(ends.find((e) => e.partition === p.partition)?.high ?? 0) - Math.max(0, Number(p.offset));
    }
    return lag;
  } finally {
    await admin.disconnect();
  }
}

test('kill -9 of ingest, restarts of Connect and Kafka: the warehouse still equals the source', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t) || !requireOrSkip(javaAvailable(), 'Java and Maven', t)) return;
  const postgres = await startPostgres({ name: 'faults' });
  const cdc = await startCdc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'faults-warehouse-'));
  let ingest: ReturnType<typeof startIngest> | undefined;
  try {
    const history: SourceTransaction[] = [...simulate({ seed: 8, scale: 0.001, until: '2022-03-31' })];
    const cut = Math.floor(history.length * 0.3);
    await writeToPostgres(postgres.url, history.slice(0, cut));
    await registerAndWait(cdc, postgres.port);
    ingest = startIngest(cdc.bootstrap, dataDir, postgres.url);

    const step = Math.ceil((history.length - cut) / 8);
    for (let i = cut, piece = 0; i < history.length; i += step, piece++) {
      await writeToPostgres(postgres.url, history.slice(i, i + step));
      if (piece === 1) {
        const seen = ingest.batches();
        await waitFor('a batch after the new writes', 60_000, () => ingest!.batches() > seen);
        ingest.child.kill('SIGKILL');
        await new Promise((resolve) => ingest!.child.once('exit', resolve));
        ingest = startIngest(cdc.bootstrap, dataDir, postgres.url);
      }
      if (piece === 3) cdc.restart('connect');
      if (piece === 5) cdc.restart('kafka');
    }

    await waitFor('the connector to run again', 120_000, async () => (await connectorStatus(cdc.connectUrl))?.tasks[0]?.state === 'RUNNING');
    // Caught up: a last change committed after everything else (a staff row touched: no row filter
    // holds it back) has been written by the service, and then nothing is left to consume. Debezium
    // publishes in commit order, so every earlier change was published before it; a lag of 0 alone
    // could be read before Debezium, itself restarted, had published pieces 2 to 7. The lag is read
    // twice, a second apart, for a record that another partition had not yet acknowledged.
    const source = new pg.Client({ connectionString: postgres.url });
    await source.connect();
    const lastCommit = Date.now();
    await source.query('update eoffice.staff set updated_at = now() where id = (select min(id) from eoffice.staff)');
    await source.end();
    const newestWrittenMs = async () => {
      const metrics = await fetch(ingest!.metricsUrl()!).then((r) => r.text()).catch(() => '');
      const age = /^vanban_ingest_freshness_seconds (\d+\.\d+)$/m.exec(metrics)?.[1];
      return age === undefined ? 0 : Date.now() - Number(age) * 1000;
    };
    await waitFor('the last change to be written', 300_000, async () => ingest!.metricsUrl() !== undefined && await newestWrittenMs() >= lastCommit - 5);
    for (let round = 0; round < 2; round++) {
      await waitFor('the consumer to catch up', 120_000, async () => (await consumerLag(cdc.bootstrap).catch(() => 1)) === 0);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    // The service's own metrics say the same: rows written, no lag left, a fresh last commit.
    const metrics = await (await fetch(ingest.metricsUrl()!)).text();
    assert.match(metrics, /^vanban_ingest_rows_total [1-9]\d*$/m);
    assert.doesNotMatch(metrics, /^vanban_ingest_consumer_lag_messages\{[^}]*\} [1-9]/m);
    assert.match(metrics, /^vanban_ingest_freshness_seconds \d+\.\d+$/m);
    ingest.child.kill('SIGTERM');
    await new Promise((resolve) => ingest!.child.once('exit', resolve));
    ingest = undefined;

    const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
    try {
      const expected = await sourceState(postgres.url);
      const actual = await warehouseState(warehouse);
      const counts = Object.fromEntries([...actual].map(([table, rows]) => [table, rows.length]));
      for (const [table, rows] of expected) {
        assert.deepEqual(actual.get(table), rows, `${table} differs from the source (warehouse counts ${JSON.stringify(counts)}; ingest log tail: ${ingestLog.join('').slice(-3000)})`);
      }
    } finally {
      await closeWarehouse(warehouse);
    }
  } finally {
    ingest?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    await cdc.stop();
    await postgres.stop();
  }
});

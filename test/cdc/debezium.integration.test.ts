// The production path for real: the simulator writes into PostgreSQL, Debezium's connector in Kafka
// Connect snapshots and then streams the changes into Kafka, and the ingest consumer group writes
// them into the warehouse. Part of the history exists before the connector starts (the snapshot);
// the rest is written while ingest runs, and meanwhile: a malformed message is injected into a
// topic, a secret document is inserted and then updated, a clean one becomes secret, and the
// warehouse refuses writes for a while. Afterwards the warehouse equals the source, row by row.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { migrateRaw, startKafkaIngest, type SourceTransaction } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from '../support/postgres.js';
import { javaAvailable, registerAndWait, startCdc, waitFor } from '../support/cdc.js';
import { requireOrSkip } from '../support/ci.js';
import { assertWarehouseEqualsSource } from '../support/source-compare.js';
import { buildModels } from '@vanban/transform';
import { buildApp } from '@vanban/api';
import { loadCalendar, oracleKpis } from '../kpi-oracle/index.js';
import { differences } from '../kpi/compare.js';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const secretMarker = 'MAT-KIEM-THU';

test('PostgreSQL → Debezium → Kafka → ingest, through faults: the warehouse equals the source', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t) || !requireOrSkip(javaAvailable(), 'Java and Maven', t)) return;
  const postgres = await startPostgres({ name: 'debezium' });
  const cdc = await startCdc();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cdc-warehouse-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  const source = new pg.Client({ connectionString: postgres.url });
  let ingest: Awaited<ReturnType<typeof startKafkaIngest>> | undefined;
  try {
    await migrateRaw(warehouse);
    const history: SourceTransaction[] = [...simulate({ seed: 5, scale: 0.001, until: '2022-03-31' })];
    const cut = Math.floor(history.length * 0.4);
    await writeToPostgres(postgres.url, history.slice(0, cut));
    await source.connect();

    await registerAndWait(cdc, postgres.port);
    ingest = await startKafkaIngest(warehouse, { brokers: [cdc.bootstrap], databaseUrl: postgres.url, groupId: 'test-ingest' });

    // The rest of the history arrives while the pipeline runs, in pieces, as an office day would.
    const step = Math.ceil((history.length - cut) / 10);
    for (let i = cut, piece = 0; i < history.length; i += step, piece++) {
      await writeToPostgres(postgres.url, history.slice(i, i + step));
      if (piece === 2) {
        // Not JSON, in the middle of a real topic: it goes to the dead-letter table, the rest goes on.
        const producer = new Kafka({ clientId: 'test', brokers: [cdc.bootstrap], logLevel: logLevel.NOTHING }).producer();
        await producer.connect();
        await producer.send({ topic: 'eoffice.eoffice.incoming_document', messages: [{ key: '{"id":1}', value: '{not json' }] });
        await producer.disconnect();
      }
      if (piece === 3) {
        // A secret document registered, then edited; and a clean one classified afterwards.
        await source.query(`insert into eoffice.incoming_document
          select (jsonb_populate_record(null::eoffice.incoming_document, to_jsonb(d) || jsonb_build_object(
            'id', 9000001, 'reg_number', 990001, 'secrecy', 'secret', 'summary', '${secretMarker} ban đầu'))).*
          from eoffice.incoming_document d order by id limit 1`);
        await source.query(`update eoffice.incoming_document set summary = '${secretMarker} đã sửa' where id = 9000001`);
        await source.query(`update eoffice.incoming_document set secrecy = 'confidential', summary = '${secretMarker} mật hóa'
          where id = (select max(id) from eoffice.incoming_document where secrecy = 'none')`);
      }
      if (piece === 4) {
        // Schema evolution: a new nullable column at the source. The decoder ignores columns the
        // contract does not know, so the stream goes on; the column stays out of the warehouse.
        await source.query('alter table eoffice.dispatch add column note text');
        await source.query("update eoffice.dispatch set note = 'ghi chú' where id = (select min(id) from eoffice.dispatch)");
      }
      if (piece === 5) {
        // The warehouse refuses writes to one table for a while (retries, then the consumer restarts
        // from its committed offsets).
        await warehouse.command({ query: 'rename table eoffice_raw.processing_log to eoffice_raw.processing_log_offline' });
        setTimeout(() => void warehouse.command({ query: 'rename table eoffice_raw.processing_log_offline to eoffice_raw.processing_log' }), 10_000);
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await new Promise((resolve) => setTimeout(resolve, 10_000)); // the table is back before the final check

    await assertWarehouseEqualsSource(postgres.url, warehouse, 300_000);
    const [leaks] = await queryRows<{ n: string }>(warehouse,
      `select toString(count()) as n from eoffice_raw.incoming_document where positionUTF8(summary, '${secretMarker}') > 0`);
    assert.equal(Number(leaks!.n), 0, 'no version of a secret document is in the warehouse');
    const dead = await queryRows<{ reason: string; payload: string }>(warehouse, 'select reason, payload from eoffice_raw._dead_letter');
    assert.deepEqual(dead, [{ reason: 'payload is not valid JSON', payload: '{not json' }]);
    // … and to the dead-letter topic, with its reason.
    const reader = new Kafka({ clientId: 'test-dlq', brokers: [cdc.bootstrap], logLevel: logLevel.NOTHING }).consumer({ groupId: 'test-dlq' });
    await reader.connect();
    await reader.subscribe({ topics: ['eoffice.dead-letter'], fromBeginning: true });
    const letters = new Map<string, { value: string; reason: string }>();
    await reader.run({ eachMessage: async ({ message }) => {
      letters.set(message.key?.toString() ?? '', { value: message.value?.toString() ?? '', reason: message.headers?.['reason']?.toString() ?? '' });
    } });
    await waitFor('the dead-letter topic', 30_000, async () => letters.size > 0);
    await reader.disconnect();
    // One event, named by its source position: the topic is written before the batch's commit, so a
    // replayed batch may send the same letter again (kafka.ts); a second bad event would be a second key.
    assert.deepEqual([...letters.values()], [{ value: '{not json', reason: 'payload is not valid JSON' }]);

    // And the API's KPIs over what came through equal the independent computation on the source.
    await buildModels(warehouse);
    await loadCalendar(source, path.join(root, 'data', 'reference', 'calendar', 'vn_calendar.csv'));
    const today = '2022-03-31';
    const app = await buildApp({ warehouse, today: () => today, logLevel: 'warn' });
    try {
      for (const [agency, scope] of [['000.00.00.H26', 'subtree'], ['000.00.31.H26', 'subtree'], ['000.00.01.H26', 'self']] as const) {
        for (const view of ['as_was', 'as_is'] as const) {
          const response = await app.inject({ url: `/api/v1/kpis?agency=${agency}&from=2022-01-01&to=2022-03-31&scope=${scope}&view=${view}` });
          assert.equal(response.statusCode, 200, response.body);
          const { agency: expectedAgency, ...expected } = await oracleKpis(source, { agencyCode: agency, from: '2022-01-01', to: '2022-03-31', scope, view, today });
          const { data_as_of: _asOf, ...actual } = response.json() as Record<string, unknown>;
          const { data_as_of: _expectedAsOf, ...rest } = expected as Record<string, unknown>;
          assert.deepEqual(differences(actual, { ...rest, agency: actual['agency'] }), [], `${agency} ${scope} ${view}`);
          assert.equal((actual['agency'] as { code: string }).code, expectedAgency.code);
        }
      }
    } finally {
      await app.close();
    }
  } finally {
    await ingest?.stop();
    await source.end().catch(() => undefined);
    await closeWarehouse(warehouse);
    rmSync(dataDir, { recursive: true, force: true });
    await cdc.stop();
    await postgres.stop();
  }
});

// Secret documents' children on the sources that read a real PostgreSQL behind the publication's
// row filter. Debezium gives every table its own topic, so a child may be read before or after its
// document and in another batch: here each table's messages are written as the Kafka source writes
// them (its own batches, with the source guard), children's topics first, documents' last, then
// all of it again (at-least-once delivery). Then pg-direct: its initial copy from the same source,
// and its stream while documents with children are made secret. After each, the warehouse equals
// the source (secret documents and their children left out) and no column of any table holds a
// secret document's child.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { closeWarehouse, connectWarehouse, queryRows, type Warehouse } from '@vanban/common';
import {
  BatchBuilder, encodeTransaction, LsnClock, migrateRaw, sourceGuard, sourceTableNames, startDirectIngest, writeBatch,
  type ChangeMessage, type DocumentGuard, type SourceChange, type SourceTransaction,
} from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from './support/postgres.js';
import { requireOrSkip } from './support/ci.js';
import { assertWarehouseEqualsSource } from './support/source-compare.js';
import { findLeaks, secretChildrenCase, type Refs } from './support/secret-children.js';

const documents = new Set(['incoming_document', 'outgoing_document']);
const isSecret = (row: SourceChange['before']) => row !== null && row['secrecy'] !== 'none';

/** A change as our publication's row filter (secrecy = 'none' on documents) publishes it, if at all. */
function behindRowFilter(change: SourceChange): SourceChange | undefined {
  if (!documents.has(change.table)) return change;
  const before = change.op === 'c' ? false : isSecret(change.before) ? false : true; // old row matched
  const after = change.op === 'd' ? false : !isSecret(change.after);
  if (change.op === 'u' && before && !after) return { table: change.table, op: 'd', before: change.before, after: null };
  if (change.op === 'u' && !before && after) return { table: change.table, op: 'c', before: null, after: change.after };
  if ((change.op === 'c' && !after) || (change.op === 'd' && !before) || (change.op === 'u' && !before && !after)) return undefined;
  return change;
}

/** Debezium's messages for these transactions, per topic, in batches of `size`: children's topics first. */
function byTopic(transactions: SourceTransaction[], lsns: LsnClock, size: number): ChangeMessage[][] {
  const topics = new Map<string, ChangeMessage[]>();
  for (const tx of transactions) {
    const changes = tx.changes.map(behindRowFilter).filter((c): c is SourceChange => c !== undefined);
    for (const message of encodeTransaction({ ...tx, changes }, lsns)) {
      topics.set(message.source, [...(topics.get(message.source) ?? []), message]);
    }
  }
  const last = (topic: string) => (documents.has(topic.slice(topic.lastIndexOf('.') + 1)) ? 1 : 0);
  const ordered = [...topics.keys()].sort((a, b) => last(a) - last(b));
  const batches: ChangeMessage[][] = [];
  for (const topic of ordered) {
    const messages = topics.get(topic)!;
    for (let i = 0; i < messages.length; i += size) batches.push(messages.slice(i, i + size));
  }
  return batches;
}

/** What the Kafka source does with each fetched batch: decode, then write with the source guard. */
async function deliver(warehouse: Warehouse, batches: ChangeMessage[][], guard: DocumentGuard): Promise<number> {
  let withheld = 0;
  for (const messages of batches) {
    const builder = new BatchBuilder({ behindRowFilter: true });
    for (const message of messages) builder.add(message);
    const batch = builder.take();
    if (batch) withheld += (await writeBatch(warehouse, batch, { source: 'kafka', guard })).childrenWithheld;
  }
  return withheld;
}

async function refsOf(url: string): Promise<Refs> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ agency: string; unit: string; staff: string; work_file: string }>(
      `select (select min(id) from eoffice.agency) as agency, (select min(id) from eoffice.org_unit) as unit,
              (select min(id) from eoffice.staff) as staff, (select min(id) from eoffice.work_file) as work_file`);
    const row = rows[0]!;
    assert.ok(row.agency && row.unit && row.staff && row.work_file, 'the simulated source has agencies, units, staff and work files');
    return { agency: Number(row.agency), unit: Number(row.unit), staff: Number(row.staff), workFile: Number(row.work_file) };
  } finally {
    await client.end();
  }
}

async function emptyWarehouse(warehouse: Warehouse): Promise<void> {
  for (const table of [...sourceTableNames, '_dead_letter', '_secret_dropped', '_ingest_progress']) {
    await warehouse.command({ query: `truncate table eoffice_raw.${table}` });
  }
}

async function visibleNotes(warehouse: Warehouse, notes: string[]): Promise<number> {
  const [row] = await queryRows<{ n: string }>(warehouse, 'select count() as n from eoffice_raw.processing_log final where note in {notes:Array(String)}', { notes });
  return Number(row?.n);
}

test('Debezium order and pg-direct: secret documents\' children stay out, clean ones all arrive', { timeout: 900_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t)) return;
  const postgres = await startPostgres({ name: 'secrecy-cdc' });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'secrecy-cdc-'));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  const guard = sourceGuard(postgres.url);
  let direct: Awaited<ReturnType<typeof startDirectIngest>> | undefined;
  try {
    await migrateRaw(warehouse);
    const history = [...simulate({ seed: 9, scale: 0.0005, until: '2022-02-28' })];
    await writeToPostgres(postgres.url, history);
    const refs = await refsOf(postgres.url);
    const txBase = history.at(-1)!.txId + 1_000;
    const viaKafka = secretChildrenCase(820_000_000, 'K', refs, txBase);

    // Kafka: the source holds the clean state, then the documents are made secret.
    await writeToPostgres(postgres.url, viaKafka.before);
    const lsns = new LsnClock(2 ** 44);
    const first = byTopic([...history, ...viaKafka.before], lsns, 50);
    let withheld = await deliver(warehouse, first, guard);
    assert.equal(await visibleNotes(warehouse, [viaKafka.visible]), 1, 'a clean document\'s child read before its document is kept');
    await writeToPostgres(postgres.url, viaKafka.after);
    const second = byTopic(viaKafka.after, lsns, 2);
    withheld += await deliver(warehouse, second, guard);
    assert.ok(withheld > 0);
    await assertWarehouseEqualsSource(postgres.url, warehouse, 10_000);
    assert.deepEqual(await findLeaks(warehouse, viaKafka.markers, viaKafka.childIds), []);
    // At least once: a restart reads everything again, older versions included.
    await deliver(warehouse, [...first, ...second], guard);
    await assertWarehouseEqualsSource(postgres.url, warehouse, 10_000);
    assert.deepEqual(await findLeaks(warehouse, viaKafka.markers, viaKafka.childIds), []);

    // pg-direct: an empty warehouse, the initial copy of this source, then the stream.
    await emptyWarehouse(warehouse);
    const copied = secretChildrenCase(830_000_000, 'D', refs, txBase + 100);
    const streamed = secretChildrenCase(840_000_000, 'S', refs, txBase + 200);
    await writeToPostgres(postgres.url, copied.before);
    direct = await startDirectIngest(warehouse, { databaseUrl: postgres.url, flushMs: 100, log: (line) => t.diagnostic(line) });
    assert.equal(await visibleNotes(warehouse, [viaKafka.visible, copied.visible]), 2, 'the copy brings clean documents\' children');
    await writeToPostgres(postgres.url, streamed.before);
    for (let i = 0; i < 300 && (await visibleNotes(warehouse, [streamed.visible])) === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(await visibleNotes(warehouse, [streamed.visible]), 1, 'the stream brings clean documents\' children');
    // The documents stored clean with their children (by the copy and by the stream) are made secret.
    await writeToPostgres(postgres.url, [...copied.after, ...streamed.after]);
    await assertWarehouseEqualsSource(postgres.url, warehouse, 60_000);
    await direct.stop();
    direct = undefined;
    const markers = [...viaKafka.markers, ...copied.markers, ...streamed.markers];
    const childIds = [...viaKafka.childIds, ...copied.childIds, ...streamed.childIds];
    assert.deepEqual(await findLeaks(warehouse, markers, childIds), []);
  } finally {
    await direct?.stop();
    await guard.close();
    await closeWarehouse(warehouse);
    rmSync(dataDir, { recursive: true, force: true });
    await postgres.stop();
  }
});

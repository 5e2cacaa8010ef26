// The bulk path (simulator changes decoded without their Debezium messages) must leave the raw
// tables exactly as the Debezium path does: every row, version, tombstone and secret count.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
import { migrateRaw } from '../migrate.js';
import { debeziumMessages, ingestMessages, ingestTransactions } from '../pipeline.js';
import { sourceTableNames, type SourceRow, type SourceTransaction } from '../source-tables.js';
import { simulate } from '../simulator/index.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'direct-ingest-'));
const client = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(client);
  rmSync(dataDir, { recursive: true, force: true });
});
await migrateRaw(client);

/** The id of the document that turns secret at the end. */
let turnedSecret = 0;

/** A simulated half year, then a document that turns secret after it was stored clean (the purge path). */
function* history(): Generator<SourceTransaction> {
  let last: SourceTransaction | undefined;
  let clean: SourceRow | undefined;
  for (const tx of simulate({ seed: 17, scale: 0.002, until: '2022-06-30' })) {
    last = tx;
    clean ??= tx.changes.find((c) => c.table === 'incoming_document' && c.op === 'c' && c.after?.['secrecy'] === 'none')?.after ?? undefined;
    yield tx;
  }
  assert.ok(last && clean, 'the simulation has a clean incoming document');
  turnedSecret = clean['id'] as number;
  yield { txId: last.txId + 1, commitTime: '2022-07-01T02:00:00.000000Z', changes: [
    { table: 'incoming_document', op: 'u', before: clean, after: { ...clean, secrecy: 'secret' } },
  ] };
}

const tables = [...sourceTableNames, '_secret_dropped'];

/** Every table's final rows, fingerprinted: count and an order-independent hash of every column but the ingest time. */
async function fingerprint(): Promise<Record<string, { rows: string; hash: string }>> {
  const out: Record<string, { rows: string; hash: string }> = {};
  for (const table of tables) {
    const columns = await queryRows<{ name: string }>(client,
      "select name from system.columns where database = 'eoffice_raw' and table = {table:String} and name != '_ingested_at' order by position", { table });
    const [row] = await queryRows<{ rows: string; hash: string }>(client,
      `select toString(count()) as rows, toString(sum(cityHash64(formatRow('TabSeparated', ${columns.map((c) => c.name).join(', ')})))) as hash
       from eoffice_raw.${table} final`);
    out[table] = row!;
  }
  return out;
}

async function empty(): Promise<void> {
  for (const table of [...tables, '_ingest_progress', '_dead_letter']) await client.command({ query: `truncate table eoffice_raw.${table}` });
}

test('the bulk path leaves the raw tables as the Debezium path does', async () => {
  const viaDebezium = await ingestMessages(client, debeziumMessages(history()), { source: 'test', batchSize: 5_000 });
  const expected = await fingerprint();
  await empty();
  const direct = await ingestTransactions(client, history(), { source: 'test', batchSize: 5_000 });
  const actual = await fingerprint();

  assert.ok(Number(expected['incoming_document']!.rows) > 1_000, 'the history holds documents');
  assert.ok(direct.secretDropped > 0 && Number(expected['_secret_dropped']!.rows) > 0, 'the history holds secret documents');
  assert.equal(direct.secretDropped, viaDebezium.secretDropped);
  assert.equal(direct.deadLetters, 0);
  assert.deepEqual(actual, expected);
});

test('a document that turned secret keeps no field on the bulk path', async () => {
  const [left] = await queryRows<{ kept: string; fielded: string }>(client,
    `select toString(countIf(_is_deleted = 0)) as kept, toString(countIf(summary != '')) as fielded
     from eoffice_raw.incoming_document where id = {id:Int64}`, { id: turnedSecret });
  assert.ok(turnedSecret > 0);
  assert.deepEqual(left, { kept: '0', fielded: '0' });
});

// The bulk loader used by benchmarks must leave PostgreSQL exactly as the row-by-row writer does
// (the way the e-office system writes): same rows, same content, table by table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sourceTables } from '@vanban/ingest';
import { bulkLoadPostgres, simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { postgresAvailable, startPostgres } from './support/postgres.js';
import { requireOrSkip } from './support/ci.js';

const simulation = { seed: 7, scale: 0.002, until: '2023-03-31' };

async function tableDigests(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out: Record<string, { rows: number; digest: string }> = {};
    for (const table of Object.keys(sourceTables)) {
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `select count(*) as n, md5(string_agg(t::text, '|' order by id)) as digest from eoffice.${table} t`,
      );
      out[table] = { rows: Number(rows[0]!.n), digest: rows[0]!.digest ?? '' };
    }
    return out;
  } finally {
    await client.end();
  }
}

test('bulk load (fold + COPY) and row-by-row transactions give identical tables', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t)) return;
  const postgres = await startPostgres({ name: 'bulk' });
  try {
    const admin = new pg.Client({ connectionString: postgres.url });
    await admin.connect();
    await admin.query('create database rowwise');
    await admin.query('create database bulk');
    await admin.end();
    const rowwiseUrl = postgres.url.replace(/\/[^/?]+(\?|$)/, '/rowwise$1');
    const bulkUrl = postgres.url.replace(/\/[^/?]+(\?|$)/, '/bulk$1');
    const written = await writeToPostgres(rowwiseUrl, simulate(simulation));
    const loaded = await bulkLoadPostgres(bulkUrl, simulate(simulation));
    assert.equal(loaded.changes, written.changes);
    const [expected, actual] = await Promise.all([tableDigests(rowwiseUrl), tableDigests(bulkUrl)]);
    assert.ok(expected['incoming_document']!.rows > 100, 'the simulation produced documents');
    assert.deepEqual(actual, expected);
  } finally {
    await postgres.stop();
  }
});

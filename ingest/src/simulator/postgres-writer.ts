// Writes simulated transactions into PostgreSQL the way the e-office system would: one database
// transaction per source transaction. Many transactions travel in one round trip (simple query
// protocol) so that a city's history loads at tens of thousands of changes per second.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { sourceTables, type SourceChange, type SourceRow, type SourceTransaction } from '../source-tables.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'infra', 'postgres', 'eoffice-schema.sql');

function literal(client: pg.Client, value: SourceRow[string] | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return client.escapeLiteral(value);
}

function statement(client: pg.Client, change: SourceChange): string {
  const table = `eoffice.${change.table}`;
  const columns = sourceTables[change.table];
  if (change.op === 'c') {
    return `insert into ${table} (${columns.map((c) => `"${c.name}"`).join(',')}) values (${columns.map((c) => literal(client, change.after![c.name])).join(',')})`;
  }
  const id = Number(change.before!['id']);
  if (change.op === 'd') return `delete from ${table} where id = ${id}`;
  const changed = columns.filter((c) => change.before![c.name] !== change.after![c.name]);
  if (changed.length === 0) return '';
  return `update ${table} set ${changed.map((c) => `"${c.name}" = ${literal(client, change.after![c.name])}`).join(',')} where id = ${id}`;
}

export async function writeToPostgres(
  databaseUrl: string,
  transactions: AsyncIterable<SourceTransaction> | Iterable<SourceTransaction>,
  opts: { onProgress?: (transactions: number, changes: number) => void; transactionsPerRoundTrip?: number } = {},
): Promise<{ transactions: number; changes: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>("select exists (select 1 from pg_namespace where nspname = 'eoffice') as exists");
    if (!rows[0]?.exists) await client.query(readFileSync(schemaFile, 'utf8'));
    const perTrip = opts.transactionsPerRoundTrip ?? 200;
    let buffer: string[] = [];
    let pendingTx = 0;
    let pendingChanges = 0;
    const totals = { transactions: 0, changes: 0 };
    const flush = async () => {
      if (buffer.length === 0) return;
      await client.query(buffer.join(';\n'));
      totals.transactions += pendingTx;
      totals.changes += pendingChanges;
      opts.onProgress?.(pendingTx, pendingChanges);
      buffer = [];
      pendingTx = 0;
      pendingChanges = 0;
    };
    for await (const tx of transactions) {
      buffer.push('begin');
      for (const change of tx.changes) {
        const sql = statement(client, change);
        if (sql) buffer.push(sql);
      }
      buffer.push('commit');
      pendingTx++;
      pendingChanges += tx.changes.length;
      if (pendingTx >= perTrip) await flush();
    }
    await flush();
    return totals;
  } finally {
    await client.end();
  }
}

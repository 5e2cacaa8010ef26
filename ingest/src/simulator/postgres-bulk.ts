// Loads the final state of a simulated history into PostgreSQL with COPY, for benchmarks and large
// test databases. Row by row (postgres-writer.ts) is how the e-office system writes, and is what CDC
// must see; this path only needs the same end result, and gets there an order of magnitude faster.
// Changes are folded in memory (last version of each row wins, deletes remove it), then each table
// is copied in one stream.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { escapeTabText } from '../tab-text.js';
import { sourceTables, type SourceRow, type SourceTable, type SourceTransaction } from '../source-tables.js';

const schemaFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'infra', 'postgres', 'eoffice-schema.sql');

/** One value in COPY's text format. */
function copyField(value: SourceRow[string] | undefined): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return escapeTabText(value);
}

function copyLine(table: SourceTable, row: SourceRow): string {
  return sourceTables[table].map((column) => copyField(row[column.name])).join('\t') + '\n';
}

export async function bulkLoadPostgres(
  databaseUrl: string,
  transactions: AsyncIterable<SourceTransaction> | Iterable<SourceTransaction>,
  opts: { onProgress?: (changes: number) => void; onCopy?: (table: SourceTable, rows: number) => void } = {},
): Promise<{ transactions: number; changes: number; rows: number }> {
  // Rows are kept as their COPY line: a string per row is far lighter than an object.
  const state = new Map<SourceTable, Map<number, string>>(Object.keys(sourceTables).map((t) => [t as SourceTable, new Map()]));
  const totals = { transactions: 0, changes: 0, rows: 0 };
  let sinceProgress = 0;
  for await (const tx of transactions) {
    for (const change of tx.changes) {
      const rows = state.get(change.table)!;
      if (change.op === 'd') rows.delete(Number(change.before!['id']));
      else rows.set(Number(change.after!['id']), copyLine(change.table, change.after!));
    }
    totals.transactions++;
    totals.changes += tx.changes.length;
    sinceProgress += tx.changes.length;
    if (sinceProgress >= 50_000) {
      opts.onProgress?.(sinceProgress);
      sinceProgress = 0;
    }
  }
  opts.onProgress?.(sinceProgress);

  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ exists: boolean }>("select exists (select 1 from pg_namespace where nspname = 'eoffice') as exists");
    if (!rows[0]?.exists) await client.query(readFileSync(schemaFile, 'utf8'));
    // Parents before children, as the foreign keys want them (the schema's table order).
    for (const table of Object.keys(sourceTables) as SourceTable[]) {
      const lines = state.get(table)!;
      const columns = sourceTables[table].map((c) => `"${c.name}"`).join(', ');
      const target = client.query(copyFrom(`copy eoffice.${table} (${columns}) from stdin`));
      await pipeline(Readable.from(chunks(lines.values())), target);
      totals.rows += lines.size;
      opts.onCopy?.(table, lines.size);
      state.delete(table); // free the memory before the next table
    }
    await client.query('analyze');
  } finally {
    await client.end();
  }
  return totals;
}

/** Joins lines into chunks of about a megabyte, so the stream is not paced one row at a time. */
function* chunks(lines: Iterable<string>): Generator<string> {
  let chunk = '';
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

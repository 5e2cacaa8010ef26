// Applies the numbered raw-table migrations (ingest/migrations/NNNN_*.sql) in order. Every statement
// is idempotent (`if not exists`), so running them at each start is safe.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readSql, splitStatements, type Warehouse } from '@vanban/common';

const migrationsDir = new URL('../migrations/', import.meta.url);

export async function migrateRaw(client: Warehouse): Promise<string[]> {
  const files = readdirSync(fileURLToPath(migrationsDir)).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
  for (const file of files) {
    for (const statement of splitStatements(readSql(new URL(file, migrationsDir)))) {
      await client.command({ query: statement, query_id: `migrate-${file}-${Date.now()}` });
    }
  }
  return files;
}

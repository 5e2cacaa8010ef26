// Decides whether the warehouse may hold a child row (assignment, processing_log, deadline_extension,
// dispatch, work_file_item): only while every document it points at exists and is not secret. The
// children carry no secrecy of their own, and a PostgreSQL publication row filter may only test the
// row's own columns (no subquery, no function of ours), so the publication cannot drop them and the
// e-office tables are not ours to change. The decision is taken before anything of the row is
// written, by one of two guards:
//
// - sourceGuard (Kafka): asks the source, over a read-only connection, for the documents' secrecy
//   now. Debezium gives each table its own topic, so a child may arrive before its document, or
//   long after it changed; the source's present state answers either way, and a row is never held
//   back waiting (holding it would need somewhere to keep a possibly secret row, or a Kafka offset
//   that cannot move). It stays right under reordering, replay and restart because every later
//   change of the document comes through the stream too: one that makes it secret arrives (behind
//   the row filter) as a delete, and the writer then purges all its children, under the same lock
//   as the look-ups, so a child looked up as clear just before is purged after; a replayed older
//   child event is looked up again and dropped.
// - warehouseGuard (pg-direct, and the simulator's stream through ingestMessages/ingestTransactions):
//   one stream in source order, so a clean document is written before its children, in the same
//   batch (the batch's own verdict, BatchBuilder) or an earlier one (the warehouse holds it, from
//   the stream or pg-direct's initial copy). A document the warehouse does not hold alive and clean
//   is secret, deleted or made secret since: its children are dropped. Replays repeat the order
//   and meet the newest state, so they drop what the first pass dropped (or older versions lose).
//
// Known limit: a document that goes from secret back to 'none' arrives as an insert; the children it
// got while secret were dropped and are not copied again by the stream (a `npm run cdc:resync` of
// the child tables brings them).
import pg from 'pg';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import type { DocumentTable } from '../source-tables.js';

export interface DocumentGuard {
  /** True if the answers are the source's present state (children are then decided by it alone). */
  readonly authoritative: boolean;
  /** Of these documents, those that exist and are not secret. */
  clear(table: DocumentTable, ids: number[]): Promise<Set<number>>;
  close(): Promise<void>;
}

const sourceSql = readSql(new URL('./clear_documents_source.sql', import.meta.url));
const warehouseSql = readSql(new URL('./clear_documents_warehouse.sql', import.meta.url));

export function sourceGuard(databaseUrl: string): DocumentGuard {
  // Read-only by the session's own setting too: this connection never writes to the source.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2, options: '-c default_transaction_read_only=on' });
  pool.on('error', () => undefined); // an idle connection dropped by the server; the next query reconnects
  return {
    authoritative: true,
    async clear(table, ids) {
      if (ids.length === 0) return new Set();
      const { rows } = await pool.query<{ id: string }>(sourceSql.replaceAll('{table}', table), [ids]);
      return new Set(rows.map((row) => Number(row.id)));
    },
    close: () => pool.end(),
  };
}

export function warehouseGuard(client: Warehouse): DocumentGuard {
  return {
    authoritative: false,
    async clear(table, ids) {
      if (ids.length === 0) return new Set();
      const rows = await queryRows<{ id: string | number }>(client, warehouseSql.replaceAll('{table}', table), { ids });
      return new Set(rows.map((row) => Number(row.id)));
    },
    close: async () => undefined,
  };
}

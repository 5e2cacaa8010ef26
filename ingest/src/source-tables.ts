// The tables of the source contract (shared/spec/source-contract.md), column by column, with the
// PostgreSQL type each one has. The simulator encodes rows with it, the decoder reads Debezium
// events with it and the writers map it onto the raw ClickHouse tables (ingest/migrations).
// A test checks that it agrees with both DDL files.

export type ColumnType = 'int8' | 'int4' | 'text' | 'timestamptz' | 'date' | 'bool';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

const col = (name: string, type: ColumnType, nullable = false): ColumnSpec => ({ name, type, nullable });

const audit = [col('created_at', 'timestamptz'), col('updated_at', 'timestamptz')];

export const sourceTables = {
  agency: [
    col('id', 'int8'), col('code', 'text'), col('name', 'text'), col('short_name', 'text'), col('kind', 'text'),
    col('parent_id', 'int8', true), col('admin_unit_code', 'text', true), col('valid_from', 'date'),
    col('valid_to', 'date', true), ...audit,
  ],
  agency_succession: [
    col('id', 'int8'), col('predecessor_id', 'int8'), col('successor_id', 'int8'), col('effective_date', 'date'),
    col('is_primary', 'bool'), ...audit,
  ],
  org_unit: [col('id', 'int8'), col('agency_id', 'int8'), col('name', 'text'), col('parent_unit_id', 'int8', true), ...audit],
  staff: [
    col('id', 'int8'), col('agency_id', 'int8'), col('unit_id', 'int8', true), col('full_name', 'text'),
    col('position', 'text'), col('role', 'text'), col('active', 'bool'), ...audit,
  ],
  incoming_document: [
    col('id', 'int8'), col('agency_id', 'int8'), col('reg_number', 'int4'), col('received_at', 'timestamptz'),
    col('source_notation', 'text'), col('doc_type', 'text'), col('issuer_code', 'text', true), col('issuer_name', 'text'),
    col('issued_date', 'date'), col('summary', 'text'), col('urgency', 'text'), col('secrecy', 'text'),
    col('channel', 'text'), col('due_date', 'date', true), col('status', 'text'), col('handled_on_system', 'bool'),
    col('completed_at', 'timestamptz', true), col('from_dispatch_id', 'int8', true), ...audit,
  ],
  outgoing_document: [
    col('id', 'int8'), col('agency_id', 'int8'), col('number', 'int4', true), col('notation', 'text'),
    col('doc_type', 'text'), col('summary', 'text'), col('drafting_unit_id', 'int8'), col('drafter_id', 'int8'),
    col('signer_id', 'int8'), col('drafted_at', 'timestamptz'), col('signed_at', 'timestamptz', true),
    col('issued_at', 'timestamptz', true), col('digitally_signed', 'bool'), col('urgency', 'text'), col('secrecy', 'text'),
    col('status', 'text'), col('replies_to_id', 'int8', true), ...audit,
  ],
  dispatch: [
    col('id', 'int8'), col('outgoing_id', 'int8'), col('recipient_agency_id', 'int8', true), col('recipient_code', 'text'),
    col('recipient_name', 'text'), col('channel', 'text'), col('sent_at', 'timestamptz'), col('status', 'text'),
    col('status_at', 'timestamptz'), ...audit,
  ],
  assignment: [
    col('id', 'int8'), col('incoming_id', 'int8'), col('assigned_by', 'int8'), col('assignee_unit_id', 'int8', true),
    col('assignee_staff_id', 'int8', true), col('role', 'text'), col('assigned_at', 'timestamptz'),
    col('due_date', 'date', true), col('status', 'text'), col('completed_at', 'timestamptz', true),
    col('parent_id', 'int8', true), ...audit,
  ],
  deadline_extension: [
    col('id', 'int8'), col('incoming_id', 'int8'), col('previous_due', 'date'), col('new_due', 'date'),
    col('approved_by', 'int8'), col('approved_at', 'timestamptz'), ...audit,
  ],
  processing_log: [
    col('id', 'int8'), col('incoming_id', 'int8', true), col('outgoing_id', 'int8', true), col('actor_id', 'int8'),
    col('action', 'text'), col('at', 'timestamptz'), col('note', 'text', true), ...audit,
  ],
  work_file: [
    col('id', 'int8'), col('agency_id', 'int8'), col('code', 'text'), col('title', 'text'), col('owner_id', 'int8'),
    col('opened_at', 'timestamptz'), col('closed_at', 'timestamptz', true), col('retention_years', 'int4', true),
    col('electronic', 'bool'), col('archived_at', 'timestamptz', true), ...audit,
  ],
  work_file_item: [
    col('id', 'int8'), col('work_file_id', 'int8'), col('incoming_id', 'int8', true), col('outgoing_id', 'int8', true), ...audit,
  ],
} as const satisfies Record<string, readonly ColumnSpec[]>;

export type SourceTable = keyof typeof sourceTables;

export const sourceTableNames = Object.keys(sourceTables) as SourceTable[];

/** Tables whose rows carry a `secrecy` column and must never reach the warehouse unless it is 'none'. */
export const tablesWithSecrecy: ReadonlySet<SourceTable> = new Set(['incoming_document', 'outgoing_document']);

export type DocumentTable = 'incoming_document' | 'outgoing_document';

/**
 * The child tables of the documents and the columns that point at their document. A child row
 * belongs to the warehouse only while every document it points at is there (secrecy 'none'): its
 * free text, names and dates are the secret document's too (source-contract.md, "What the
 * warehouse must never hold"). They carry no secrecy of their own, so no publication row filter
 * can tell them apart: the ingest decides (writers/document-guard.ts).
 */
export const documentChildren: Partial<Record<SourceTable, readonly { column: 'incoming_id' | 'outgoing_id'; document: DocumentTable }[]>> = {
  assignment: [{ column: 'incoming_id', document: 'incoming_document' }],
  deadline_extension: [{ column: 'incoming_id', document: 'incoming_document' }],
  processing_log: [{ column: 'incoming_id', document: 'incoming_document' }, { column: 'outgoing_id', document: 'outgoing_document' }],
  dispatch: [{ column: 'outgoing_id', document: 'outgoing_document' }],
  work_file_item: [{ column: 'incoming_id', document: 'incoming_document' }, { column: 'outgoing_id', document: 'outgoing_document' }],
};

/**
 * The PostgreSQL condition that keeps a table's rows out of a snapshot when they are a secret
 * document or one's child, or undefined if the table needs none. The Debezium connector's
 * snapshot.select.statement.overrides (infra/kafka/debezium-eoffice.json, checked against this by a
 * test) and `npm run cdc:resync`'s additional-conditions use it; the subqueries run inside the
 * snapshot's own transaction, so they see the same state as the rows.
 */
export function snapshotCondition(table: SourceTable): string | undefined {
  if (tablesWithSecrecy.has(table)) return "secrecy = 'none'";
  const links = documentChildren[table];
  if (!links) return undefined;
  return links
    .map(({ column, document }) => `(${column} is null or exists (select 1 from eoffice.${document} d where d.id = ${table}.${column} and d.secrecy = 'none'))`)
    .join(' and ');
}

/**
 * The connector's snapshot statement for a table whose rows need a condition: the contract's columns
 * by name, as Debezium's own statement lists the captured ones (a `*` would also pick up a column
 * added at the source while the snapshot runs, which Debezium then rejects). The connector's
 * `column.include.list` (columnIncludeList) makes the captured columns the contract's, so the two
 * always agree.
 */
export function snapshotStatement(table: SourceTable): string | undefined {
  const condition = snapshotCondition(table);
  if (!condition) return undefined;
  return `select ${sourceTables[table].map((c) => `"${c.name}"`).join(', ')} from eoffice.${table} where ${condition}`;
}

/** The connector's column.include.list: every contract column of every table, and no other. */
export function columnIncludeList(): string {
  return sourceTableNames.map((table) => `eoffice\\.${table}\\.(${sourceTables[table].map((c) => c.name).join('|')})`).join(',');
}

export function isSourceTable(name: string): name is SourceTable {
  return Object.hasOwn(sourceTables, name);
}

/**
 * A source row in its natural JavaScript form, as the simulator produces it and the PostgreSQL writer
 * stores it: int8/int4 → number, text → string, timestamptz → ISO-8601 UTC string with microseconds
 * (`2025-01-02T03:04:05.123456Z`), date → `YYYY-MM-DD`, bool → boolean, or null.
 */
export type SourceRow = Record<string, string | number | boolean | null>;

/** One row change inside a source transaction, in the terms of logical replication. */
export interface SourceChange {
  readonly table: SourceTable;
  /** c = insert, u = update, d = delete (Debezium's letters). */
  readonly op: 'c' | 'u' | 'd';
  /** The whole old row (REPLICA IDENTITY FULL) for u and d; null for c. */
  readonly before: SourceRow | null;
  /** The new row for c and u; null for d. */
  readonly after: SourceRow | null;
}

/** A committed source transaction: what one user action in the e-office system writes. */
export interface SourceTransaction {
  /** Simulated transaction id, increasing. */
  readonly txId: number;
  /** Commit time, ISO-8601 UTC with microseconds (`2025-01-02T03:04:05.123456Z`). */
  readonly commitTime: string;
  readonly changes: readonly SourceChange[];
}

// Secret documents with children in every child table, for the secrecy tests: documents secret from
// the start, documents stored clean with children and then made secret (with children changing
// before and after), a child that points at a clean and a secret document at once, and a clean
// document's child that must arrive (so that a guard dropping everything fails). `findLeaks`
// searches every column of every warehouse table for what must not be there.
import { queryRows, type Warehouse } from '@vanban/common';
import type { SourceChange, SourceRow, SourceTransaction } from '@vanban/ingest';

/** Ids of rows the documents' children may point at (valid foreign keys in a real source). */
export interface Refs { agency: number; unit: number; staff: number; workFile: number }

export interface SecretChildrenCase {
  /** Texts of secret documents and their children: no column of any table may hold them. */
  markers: string[];
  /** Ids of every child row of a secret document: no integer column of any table may hold them. */
  childIds: number[];
  /** A clean document's child note that must be found. */
  visible: string;
  /** Secret documents with children, clean documents with children (later made secret). */
  before: SourceTransaction[];
  /** The clean documents made secret, their children changing around it, new children of secret documents. */
  after: SourceTransaction[];
}

/**
 * Child ids sit far above any LSN or count of the tests, so that an integer column holding one is a
 * leak, not a coincidence; `base` keeps the cases of one test apart.
 */
export function secretChildrenCase(base: number, tag: string, refs: Refs, txId: number): SecretChildrenCase {
  const markers: string[] = [];
  const childIds: number[] = [];
  const marker = () => {
    const text = `MẬT-CON-${tag}-${markers.length}-Ω`;
    markers.push(text);
    return text;
  };
  const at = (hour: number) => `2023-03-31T${String(hour).padStart(2, '0')}:00:00.000000Z`;
  let nextId = 0;
  const docId = () => base + ++nextId;
  const childId = () => {
    const id = 7_000_000_000_000_000 + base + ++nextId;
    childIds.push(id);
    return id;
  };
  const audit = { created_at: at(1), updated_at: at(1) };
  const incoming = (id: number, text: string, secrecy: string): SourceRow => ({
    id, agency_id: refs.agency, reg_number: 9000 + (id % 1000), received_at: at(1), source_notation: text, doc_type: 'CV',
    issuer_code: null, issuer_name: text, issued_date: '2023-03-30', summary: text, urgency: 'normal', secrecy, channel: 'paper',
    due_date: null, status: 'registered', handled_on_system: true, completed_at: null, from_dispatch_id: null, ...audit,
  });
  const outgoing = (id: number, text: string, secrecy: string): SourceRow => ({
    id, agency_id: refs.agency, number: null, notation: text, doc_type: 'CV', summary: text, drafting_unit_id: refs.unit,
    drafter_id: refs.staff, signer_id: refs.staff, drafted_at: at(1), signed_at: null, issued_at: null, digitally_signed: false,
    urgency: 'normal', secrecy, status: 'draft', replies_to_id: null, ...audit,
  });
  const assignment = (incomingId: number): SourceRow => ({
    id: childId(), incoming_id: incomingId, assigned_by: refs.staff, assignee_unit_id: refs.unit, assignee_staff_id: null, role: 'lead',
    assigned_at: at(2), due_date: '2023-04-14', status: 'pending', completed_at: null, parent_id: null, ...audit,
  });
  const extension = (incomingId: number): SourceRow => ({
    id: childId(), incoming_id: incomingId, previous_due: '2023-04-14', new_due: '2023-04-28', approved_by: refs.staff, approved_at: at(3), ...audit,
  });
  const log = (incomingId: number | null, outgoingId: number | null, note: string): SourceRow => ({
    id: childId(), incoming_id: incomingId, outgoing_id: outgoingId, actor_id: refs.staff, action: 'comment', at: at(4), note, ...audit,
  });
  const item = (incomingId: number | null, outgoingId: number | null): SourceRow => ({
    id: childId(), work_file_id: refs.workFile, incoming_id: incomingId, outgoing_id: outgoingId, ...audit,
  });
  const dispatch = (outgoingId: number, text: string): SourceRow => ({
    id: childId(), outgoing_id: outgoingId, recipient_agency_id: null, recipient_code: text, recipient_name: text, channel: 'paper',
    sent_at: at(5), status: '01', status_at: at(5), ...audit,
  });
  const insert = (table: SourceChange['table'], row: SourceRow): SourceChange => ({ table, op: 'c', before: null, after: row });
  const update = (table: SourceChange['table'], row: SourceRow, changes: SourceRow): SourceChange => ({ table, op: 'u', before: row, after: { ...row, ...changes } });

  const secretIn = incoming(docId(), marker(), 'top_secret');
  const secretOut = outgoing(docId(), marker(), 'secret');
  const clean = incoming(docId(), `RÕ-${tag}`, 'none');
  const visible = `CÔNG-KHAI-${tag}`;
  const laterIn = incoming(docId(), marker(), 'none');
  const laterOut = outgoing(docId(), marker(), 'none');
  const laterLog = log(laterIn['id'] as number, null, marker());
  const laterDispatch = dispatch(laterOut['id'] as number, marker());
  const before: SourceTransaction[] = [
    { txId, commitTime: at(6), changes: [
      insert('incoming_document', secretIn), insert('outgoing_document', secretOut), insert('incoming_document', clean),
      insert('incoming_document', laterIn), insert('outgoing_document', laterOut),
    ] },
    { txId: txId + 1, commitTime: at(7), changes: [
      // Every child table of a document secret from the start.
      insert('assignment', assignment(secretIn['id'] as number)),
      insert('deadline_extension', extension(secretIn['id'] as number)),
      insert('processing_log', log(secretIn['id'] as number, null, marker())),
      insert('work_file_item', item(secretIn['id'] as number, null)),
      insert('dispatch', dispatch(secretOut['id'] as number, marker())),
      insert('processing_log', log(null, secretOut['id'] as number, marker())),
      insert('work_file_item', item(null, secretOut['id'] as number)),
      // A child of a clean and a secret document at once belongs to the secret one too.
      insert('processing_log', log(clean['id'] as number, secretOut['id'] as number, marker())),
      insert('work_file_item', item(clean['id'] as number, secretOut['id'] as number)),
      // The clean document's own child: it must arrive.
      insert('processing_log', { ...log(clean['id'] as number, null, visible), id: base + 999 }),
      // Children of the documents that will be made secret, stored while they are clean.
      insert('assignment', assignment(laterIn['id'] as number)),
      insert('deadline_extension', extension(laterIn['id'] as number)),
      insert('processing_log', laterLog),
      insert('work_file_item', item(laterIn['id'] as number, null)),
      insert('dispatch', laterDispatch),
      insert('processing_log', log(null, laterOut['id'] as number, marker())),
      insert('work_file_item', item(null, laterOut['id'] as number)),
    ] },
  ];
  const edited = { ...laterLog, note: marker(), updated_at: at(8) };
  const after: SourceTransaction[] = [
    // A last clean change of a child just before its document is made secret (same batch).
    { txId: txId + 2, commitTime: at(8), changes: [{ table: 'processing_log', op: 'u', before: laterLog, after: edited }] },
    { txId: txId + 3, commitTime: at(9), changes: [
      update('incoming_document', laterIn, { secrecy: 'secret', updated_at: at(9) }),
      update('outgoing_document', laterOut, { secrecy: 'confidential', updated_at: at(9) }),
    ] },
    // Children keep changing after: none of it may arrive.
    { txId: txId + 4, commitTime: at(10), changes: [
      update('processing_log', edited, { note: marker(), updated_at: at(10) }),
      update('dispatch', laterDispatch, { status: '02', status_at: at(10), recipient_name: marker(), updated_at: at(10) }),
      insert('processing_log', log(laterIn['id'] as number, null, marker())),
      insert('assignment', assignment(secretIn['id'] as number)),
      insert('processing_log', log(secretIn['id'] as number, null, marker())),
    ] },
  ];
  return { markers, childIds, visible, before, after };
}

/**
 * Every column of every table and view of the warehouse (all versions, no FINAL): text columns for
 * the markers, integer columns for the child ids. Returns "table: what" for each hit.
 */
export async function findLeaks(warehouse: Warehouse, markers: string[], childIds: number[]): Promise<string[]> {
  const columns = await queryRows<{ database: string; table: string; name: string; type: string }>(warehouse,
    "select database, table, name, type from system.columns where database in ('eoffice_raw', 'analytics') order by database, table");
  const tables = new Map<string, { name: string; type: string }[]>();
  for (const c of columns) tables.set(`${c.database}.${c.table}`, [...(tables.get(`${c.database}.${c.table}`) ?? []), c]);
  const found: string[] = [];
  for (const [table, list] of tables) {
    // A NULL column must not hide the row: concat of anything with NULL is NULL.
    const text = `concat(${list.map((c) => `ifNull(toString(\`${c.name}\`), '')`).join(", '|', ")})`;
    for (const m of markers) {
      const [row] = await queryRows<{ hits: string }>(warehouse, `select count() as hits from ${table} where position(${text}, {m:String}) > 0`, { m });
      if (Number(row?.hits) > 0) found.push(`${table}: ${m}`);
    }
    const integers = list.filter((c) => /^(Nullable\()?U?Int64\)?$/.test(c.type));
    if (integers.length === 0) continue;
    const [row] = await queryRows<{ hits: string }>(warehouse,
      `select count() as hits from ${table} where ${integers.map((c) => `\`${c.name}\` in {ids:Array(Int64)}`).join(' or ')}`, { ids: childIds });
    if (Number(row?.hits) > 0) found.push(`${table}: ${row?.hits} rows holding a secret document's child id`);
  }
  return found;
}

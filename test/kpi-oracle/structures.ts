// Hand-made source rows for the structures that broke the warehouse's shortcuts (issue 14), added
// on top of a simulation so that the oracle (kpis.sql) and the warehouse both see them:
//   * an agency without a parent, with documents: it counts in the city's subtree;
//   * a chain five levels below the city (city → department → four units): every level's documents
//     count in the city and in each ancestor's subtree;
//   * a succession entered before its effective date (2026-02-01): before that day as_is does not
//     map the predecessor yet and it is not ended; from that day it is;
//   * documents dated before 2000, outside the working-day calendar: they count (received,
//     completed, issued, open stocks, cohort) with no duration, and are reported, never dropped;
//   * a unit moved to another parent and later renamed (agency history): entered on 2023-12-01
//     under the agency without a parent, moved under the successor on 2025-01-15, renamed on
//     2025-08-01. In as_was its documents count in the subtree of the parent of their day.
// Ids start far above the simulator's, so they never collide.
import type { SourceChange, SourceRow, SourceTransaction } from '@vanban/ingest';

const base = 9_000_000_000;
let nextId = base;
const id = () => ++nextId;

export const handMadeCodes = {
  orphan: '999.00.01.H26',
  chain: ['999.01.00.H26', '999.01.01.H26', '999.01.02.H26', '999.01.03.H26', '999.01.04.H26'],
  predecessor: '999.02.01.H26',
  successor: '999.02.02.H26',
  mover: '999.03.01.H26',
} as const;

/** When the unit moves (from under the orphan to under the successor) and when it is renamed. */
export const moverMoved = '2025-01-15';
export const moverRenamed = '2025-08-01';
export const moverNames = { before: 'Tổ thử nghiệm chuyển đơn vị', after: 'Tổ thử nghiệm sau đổi tên' } as const;

/** The day the hand-made succession takes effect; the predecessor's last day is the day before. */
export const successionEffective = '2026-02-01';

const at = (local: string) => new Date(`${local}+07:00`).toISOString().replace('Z', '000Z');
const audit = (when: string) => ({ created_at: when, updated_at: when });

function agency(code: string, name: string, kind: string, parentId: number | null, validFrom: string, validTo: string | null, when: string): SourceRow {
  return { id: id(), code, name, short_name: 'TN', kind, parent_id: parentId, admin_unit_code: null, valid_from: validFrom, valid_to: validTo, ...audit(when) };
}

let regNumber = 0;
function incoming(agencyId: number, received: string, fields: { due?: string | null; status: string; completed?: string | null; onSystem?: boolean }): SourceRow {
  const registered = at(received);
  return {
    id: id(), agency_id: agencyId, reg_number: ++regNumber, received_at: registered, source_notation: `${regNumber}/TN-KT`,
    doc_type: 'CV', issuer_code: null, issuer_name: 'Cơ quan thử nghiệm', issued_date: received.slice(0, 10),
    summary: 'Văn bản thử nghiệm cấu trúc', urgency: 'normal', secrecy: 'none', channel: 'internal',
    due_date: fields.due ?? null, status: fields.status, handled_on_system: fields.onSystem ?? true,
    completed_at: fields.completed ? at(fields.completed) : null, from_dispatch_id: null, ...audit(registered),
  };
}

/** An existing unit and person of the simulation (the source's foreign keys want real ones). */
export interface Drafter { unitId: number; staffId: number }

function outgoing(agencyId: number, drafter: Drafter, drafted: string, issued: string): SourceRow {
  return {
    id: id(), agency_id: agencyId, number: ++regNumber, notation: 'TN-KT', doc_type: 'CV', summary: 'Văn bản đi thử nghiệm',
    drafting_unit_id: drafter.unitId, drafter_id: drafter.staffId, signer_id: drafter.staffId, drafted_at: at(drafted), signed_at: at(issued), issued_at: at(issued),
    digitally_signed: true, urgency: 'normal', secrecy: 'none', status: 'issued', replies_to_id: null, ...audit(at(issued)),
  };
}

const insert = (table: SourceChange['table'], row: SourceRow): SourceChange => ({ table, op: 'c', before: null, after: row });

/** The hand-made rows as source transactions committed after the simulation (commit times from `after`). */
export function handMadeStructures(cityId: number, drafter: Drafter, after = '2026-01-01T00:00:00'): SourceTransaction[] {
  nextId = base;
  regNumber = 0;
  const when = at(after);
  const changes: SourceChange[] = [];
  const add = (table: SourceChange['table'], row: SourceRow) => { changes.push(insert(table, row)); return row; };

  const orphan = add('agency', agency(handMadeCodes.orphan, 'Ban thử nghiệm không có cấp trên', 'other', null, '1999-01-01', null, when));
  let parent = cityId;
  const chain = handMadeCodes.chain.map((code, level) => {
    const row = add('agency', agency(code, `Đơn vị thử nghiệm cấp ${level + 1}`, level === 0 ? 'department' : 'other', parent, '2022-01-01', null, when));
    parent = row['id'] as number;
    return row;
  });
  const predecessor = add('agency', agency(handMadeCodes.predecessor, 'Ban thử nghiệm sắp sáp nhập', 'other', cityId, '2022-01-01', '2026-01-31', when));
  const successor = add('agency', agency(handMadeCodes.successor, 'Ban thử nghiệm tiếp nhận', 'other', cityId, '2022-01-01', null, when));
  add('agency_succession', {
    id: id(), predecessor_id: predecessor['id'] as number, successor_id: successor['id'] as number,
    effective_date: successionEffective, is_primary: true, ...audit(when),
  });

  const orphanId = orphan['id'] as number;
  // Before 2000: still open (overdue since 2000), and one completed in March 2024; an outgoing one
  // drafted in 1999 and issued in March 2024.
  add('incoming_document', incoming(orphanId, '1999-12-20T09:00:00', { due: '2000-01-31', status: 'in_progress' }));
  add('incoming_document', incoming(orphanId, '1999-06-01T09:00:00', { due: '1999-07-01', status: 'completed', completed: '2024-03-11T10:00:00' }));
  add('outgoing_document', outgoing(orphanId, drafter, '1999-12-30T09:00:00', '2024-03-05T15:00:00'));
  add('work_file', {
    id: id(), agency_id: orphanId, code: 'HS-TN-1', title: 'Hồ sơ thử nghiệm', owner_id: drafter.staffId, opened_at: at('2024-03-07T10:00:00'),
    closed_at: null, retention_years: null, electronic: true, archived_at: null, ...audit(at('2024-03-07T10:00:00')),
  });
  // The unit that moves: entered under the orphan, committed (and stamped) on 2023-12-01.
  const entered = at('2023-12-01T10:00:00');
  const moverRow = agency(handMadeCodes.mover, moverNames.before, 'other', orphanId, '2022-01-01', null, entered);
  const moverId = moverRow['id'] as number;
  const moverDocuments: SourceChange[] = [
    // Received before the move, completed after it: received counts under the orphan, completed under the successor.
    insert('incoming_document', incoming(moverId, '2024-12-20T09:00:00', { due: '2025-01-31', status: 'completed', completed: '2025-01-20T10:00:00' })),
    insert('incoming_document', incoming(moverId, '2025-01-20T09:00:00', { due: '2025-02-14', status: 'completed', completed: '2025-02-03T10:00:00' })),
    insert('outgoing_document', outgoing(moverId, drafter, '2025-01-06T09:00:00', '2025-01-08T11:00:00')),
    insert('outgoing_document', outgoing(moverId, drafter, '2025-01-16T09:00:00', '2025-01-17T11:00:00')),
  ];
  const moved: SourceRow = { ...moverRow, parent_id: successor['id'] as number, ...audit(at(`${moverMoved}T10:00:00`)), created_at: entered };
  const renamed: SourceRow = { ...moved, name: moverNames.after, ...audit(at(`${moverRenamed}T10:00:00`)), created_at: entered };

  // Ordinary documents of the orphan and of every level of the chain, in the periods the test reads.
  for (const row of [orphan, ...chain, predecessor, successor, moverRow]) {
    const agencyId = row['id'] as number;
    add('incoming_document', incoming(agencyId, '2024-03-04T09:00:00', { due: '2024-03-15', status: 'completed', completed: '2024-03-12T16:00:00' }));
    add('incoming_document', incoming(agencyId, '2024-03-18T09:00:00', { due: '2024-03-22', status: 'in_progress', onSystem: false }));
    add('incoming_document', incoming(agencyId, '2025-10-06T09:00:00', { due: '2025-10-20', status: 'completed', completed: '2025-10-27T10:00:00' }));
    add('incoming_document', incoming(agencyId, '2025-12-02T09:00:00', { due: '2026-03-31', status: 'in_progress' }));
    add('outgoing_document', outgoing(agencyId, drafter, '2024-03-06T09:00:00', '2024-03-08T11:00:00'));
  }
  // The mover's rows follow the ones they refer to; each commit carries the day the source stamped.
  const moverChanges = changes.filter((change) => change.after!['agency_id'] === moverId);
  return [
    { txId: 900_000_000, commitTime: when, changes: changes.filter((change) => !moverChanges.includes(change)) },
    { txId: 900_000_001, commitTime: entered, changes: [insert('agency', moverRow), ...moverChanges, ...moverDocuments] },
    { txId: 900_000_002, commitTime: moved['updated_at'] as string, changes: [{ table: 'agency', op: 'u', before: moverRow, after: moved }] },
    { txId: 900_000_003, commitTime: renamed['updated_at'] as string, changes: [{ table: 'agency', op: 'u', before: moved, after: renamed }] },
  ];
}

// Structures that real registers have and that broke the warehouse's shortcuts (issue 14), for the
// tests and the independent oracle to check (`simulate({ edgeCases: true })`, `--edge-cases`):
//   * an agency without a parent, with documents: it counts in the city's subtree;
//   * a chain five levels below the city (city → department → four units): every level's documents
//     count in the city and in each ancestor's subtree;
//   * a succession entered before its effective date (2026-02-01): before that day as_is does not
//     map the predecessor yet and it is not ended; from that day it is;
//   * documents dated before 2000 (a legacy register imported at go-live), outside the working-day
//     calendar: they count (received, completed, issued, open stocks, cohort) with no duration, and
//     are reported, never dropped;
//   * a unit moved to another parent and later renamed (agency history): entered on 2023-12-01
//     under the agency without a parent, moved under the successor on 2025-01-15, renamed on
//     2025-08-01. In as_was its documents count in the subtree of the parent of their day.
// Each change is committed at its own time (a document when it reached its final state), so the
// history the source stamps (updated_at) and the one the change stream carries agree. Ids start far
// above the simulation's, so they never collide.
import type { SourceChange, SourceRow } from '../source-tables.js';
import type { OrganisationEvent } from './agencies.js';

export const edgeCaseCodes = {
  orphan: '999.00.01.H26',
  chain: ['999.01.00.H26', '999.01.01.H26', '999.01.02.H26', '999.01.03.H26', '999.01.04.H26'],
  predecessor: '999.02.01.H26',
  successor: '999.02.02.H26',
  mover: '999.03.01.H26',
} as const;

/** The day the succession takes effect; the predecessor's last day is the day before. */
export const successionEffective = '2026-02-01';
/** When the unit moves (from under the orphan to under the successor) and when it is renamed. */
export const moverMoved = '2025-01-15';
export const moverRenamed = '2025-08-01';
export const moverNames = { before: 'Tổ thử nghiệm chuyển đơn vị', after: 'Tổ thử nghiệm sau đổi tên' } as const;
/** When the structures are entered: the first working day on the system. */
const goLive = '2022-01-04T08:00:00';

/** An existing unit and person of the simulation (the source's foreign keys want real ones). */
export interface Drafter { unitId: number; staffId: number }

const at = (local: string) => new Date(`${local}+07:00`).toISOString().replace('Z', '000Z');
const audit = (when: string) => ({ created_at: when, updated_at: when });
const insert = (table: SourceChange['table'], row: SourceRow): SourceChange => ({ table, op: 'c', before: null, after: row });
/** The later of two local times (ISO strings compare as times). A document is committed when it
 * reached its final state, and no earlier than go-live (the legacy register is imported then). */
const later = (a: string, b: string | null | undefined) => (b && b > a ? b : a);

/** The edge cases as organisation events, each committed at its own time. */
export function edgeCaseEvents(cityId: number, drafter: Drafter): OrganisationEvent[] {
  let nextId = 9_000_000_000;
  let regNumber = 0;
  const id = () => ++nextId;
  const events: { local: string; changes: SourceChange[] }[] = [];
  const commit = (local: string, ...changes: SourceChange[]) => events.push({ local, changes });

  const agency = (code: string, name: string, kind: string, parentId: number | null, validFrom: string, validTo: string | null, local: string): SourceRow =>
    ({ id: id(), code, name, short_name: 'TN', kind, parent_id: parentId, admin_unit_code: null, valid_from: validFrom, valid_to: validTo, ...audit(at(local)) });

  /** An incoming document in its final state, committed when it got there. */
  const incoming = (agencyId: number, received: string, fields: { due?: string | null; status: string; completed?: string | null; onSystem?: boolean }) => {
    const registered = at(received);
    commit(later(later(received, fields.completed), goLive), insert('incoming_document', {
      id: id(), agency_id: agencyId, reg_number: ++regNumber, received_at: registered, source_notation: `${regNumber}/TN-KT`,
      doc_type: 'CV', issuer_code: null, issuer_name: 'Cơ quan thử nghiệm', issued_date: received.slice(0, 10),
      summary: 'Văn bản thử nghiệm cấu trúc', urgency: 'normal', secrecy: 'none', channel: 'internal',
      due_date: fields.due ?? null, status: fields.status, handled_on_system: fields.onSystem ?? true,
      completed_at: fields.completed ? at(fields.completed) : null, from_dispatch_id: null, ...audit(registered),
    }));
  };
  const outgoing = (agencyId: number, drafted: string, issued: string) => commit(later(issued, goLive), insert('outgoing_document', {
    id: id(), agency_id: agencyId, number: ++regNumber, notation: 'TN-KT', doc_type: 'CV', summary: 'Văn bản đi thử nghiệm',
    drafting_unit_id: drafter.unitId, drafter_id: drafter.staffId, signer_id: drafter.staffId, drafted_at: at(drafted), signed_at: at(issued), issued_at: at(issued),
    digitally_signed: true, urgency: 'normal', secrecy: 'none', status: 'issued', replies_to_id: null, ...audit(at(issued)),
  }));

  // Entered at go-live: the orphan, the chain, and the pair whose succession is entered in advance.
  const orphan = agency(edgeCaseCodes.orphan, 'Ban thử nghiệm không có cấp trên', 'other', null, '1999-01-01', null, goLive);
  let parent = cityId;
  const chain = edgeCaseCodes.chain.map((code, level) => {
    const row = agency(code, `Đơn vị thử nghiệm cấp ${level + 1}`, level === 0 ? 'department' : 'other', parent, '2022-01-01', null, goLive);
    parent = row['id'] as number;
    return row;
  });
  const predecessor = agency(edgeCaseCodes.predecessor, 'Ban thử nghiệm sắp sáp nhập', 'other', cityId, '2022-01-01', '2026-01-31', goLive);
  const successor = agency(edgeCaseCodes.successor, 'Ban thử nghiệm tiếp nhận', 'other', cityId, '2022-01-01', null, goLive);
  commit(goLive, ...[orphan, ...chain, predecessor, successor].map((row) => insert('agency', row)), insert('agency_succession', {
    id: id(), predecessor_id: predecessor['id'] as number, successor_id: successor['id'] as number,
    effective_date: successionEffective, is_primary: true, ...audit(at(goLive)),
  }));

  const orphanId = orphan['id'] as number;
  // Before 2000, imported at go-live: still open (overdue since 2000), and one completed in March
  // 2024; an outgoing one drafted in 1999 and issued in March 2024.
  incoming(orphanId, '1999-12-20T09:00:00', { due: '2000-01-31', status: 'in_progress' });
  incoming(orphanId, '1999-06-01T09:00:00', { due: '1999-07-01', status: 'completed', completed: '2024-03-11T10:00:00' });
  outgoing(orphanId, '1999-12-30T09:00:00', '2024-03-05T15:00:00');
  commit('2024-03-07T10:00:00', insert('work_file', {
    id: id(), agency_id: orphanId, code: 'HS-TN-1', title: 'Hồ sơ thử nghiệm', owner_id: drafter.staffId, opened_at: at('2024-03-07T10:00:00'),
    closed_at: null, retention_years: null, electronic: true, archived_at: null, ...audit(at('2024-03-07T10:00:00')),
  }));

  // The unit that moves: entered under the orphan, moved, renamed.
  const entered = '2023-12-01T10:00:00';
  const mover = agency(edgeCaseCodes.mover, moverNames.before, 'other', orphanId, '2022-01-01', null, entered);
  const moved: SourceRow = { ...mover, parent_id: successor['id'] as number, updated_at: at(`${moverMoved}T10:00:00`) };
  const renamed: SourceRow = { ...moved, name: moverNames.after, updated_at: at(`${moverRenamed}T10:00:00`) };
  commit(entered, insert('agency', mover));
  commit(`${moverMoved}T10:00:00`, { table: 'agency', op: 'u', before: mover, after: moved });
  commit(`${moverRenamed}T10:00:00`, { table: 'agency', op: 'u', before: moved, after: renamed });
  const moverId = mover['id'] as number;
  // Received before the move and completed after it: received under the orphan, completed under the successor.
  incoming(moverId, '2024-12-20T09:00:00', { due: '2025-01-31', status: 'completed', completed: '2025-01-20T10:00:00' });
  incoming(moverId, '2025-01-20T09:00:00', { due: '2025-02-14', status: 'completed', completed: '2025-02-03T10:00:00' });
  outgoing(moverId, '2025-01-06T09:00:00', '2025-01-08T11:00:00');
  outgoing(moverId, '2025-01-16T09:00:00', '2025-01-17T11:00:00');

  // Ordinary documents of each of them, in the periods the tests read.
  for (const row of [orphan, ...chain, predecessor, successor, mover]) {
    const agencyId = row['id'] as number;
    incoming(agencyId, '2024-03-04T09:00:00', { due: '2024-03-15', status: 'completed', completed: '2024-03-12T16:00:00' });
    incoming(agencyId, '2024-03-18T09:00:00', { due: '2024-03-22', status: 'in_progress', onSystem: false });
    incoming(agencyId, '2025-10-06T09:00:00', { due: '2025-10-20', status: 'completed', completed: '2025-10-27T10:00:00' });
    incoming(agencyId, '2025-12-02T09:00:00', { due: '2026-03-31', status: 'in_progress' });
    outgoing(agencyId, '2024-03-06T09:00:00', '2024-03-08T11:00:00');
  }
  return events.map((event) => ({ timeMs: Date.parse(at(event.local).replace('000Z', 'Z')), changes: event.changes }));
}

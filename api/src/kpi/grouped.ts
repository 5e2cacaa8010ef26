// The grouped views of kpi.md ("every document in exactly one row"): how the agencies of a scope are
// split into the rows of a breakdown, a ranking by kind or a report, so that the rows add up to the
// scope's /api/v1/kpis for every count, in both views.
//
// The rows are built as a partition of the scope's own agency set (resolveScope's
// scope_agency_ids, the very set the summary sums): every agency of the scope lands in exactly one
// row, and what no listed row takes (agencies dissolved before the period, or not placed under a
// listed agency) lands in a labelled remainder row instead of vanishing. The summary then
// counts each document once, for the group of the agency it is attributed to (as_was) or mapped to
// (as_is, through the successions in effect on today: structure.ts countedAgencies), so the sum of
// the rows is the scope's total by construction.
//
// The structure is the models' query-time one (structure.ts): an agency is ended from the day after
// its valid_to and its documents move to a successor only from the succession's effective_date,
// both judged on `today`. In as_was the rows are planned in the structure of each day
// (planOverPeriod: agency history), so a commune moved or renamed later keeps its place and name in
// the periods before; in as_is in the structure as it stands.
import { asOfDate, type AgencyKind } from './periods.js';
import type { View } from './kpi-summary.js';
import { currentAgencyOn, isEndedOn, stablePieces, structureOn, subtreeIds, type AgencyStructure, type StructureAgency } from './structure.js';

export type { StructureAgency };
export type Structure = AgencyStructure;

/** own: the agency's own register; child: a child over its subtree; level: one agency with its `other` units; rest: what no listed row takes. */
export type RowRole = 'own' | 'child' | 'level' | 'rest';

export interface RowPlan {
  role: RowRole;
  /** The agency the row stands for; null for the remainder row. */
  agency: StructureAgency | null;
  /** The kind whose Plan 222 target applies (an `other` unit takes its nearest listed ancestor's). */
  targetKind: AgencyKind;
  /** The agencies whose documents the row counts on every day of P (disjoint across rows). */
  members: number[];
  /** Agencies the row counts on some days only (moved within P, as_was): from–to, inclusive. */
  spans: MemberSpan[];
  /** For the remainder row: the agencies it stands for (unlisted children or level agencies). */
  holds: StructureAgency[];
}

export interface MemberSpan { agency: number; from: string; to: string }

export { isEndedOn };

/** Kinds that make a level row of their own; an `other` agency belongs to the nearest of these above it. */
const listedKinds: ReadonlySet<AgencyKind> = new Set(['city', 'department', 'district', 'commune']);

/** The chain from an agency up to its root through parent_id (cycles cut). */
function chainOf(structure: Structure, agency: StructureAgency): StructureAgency[] {
  const chain: StructureAgency[] = [];
  const seen = new Set<number>();
  for (let at: StructureAgency | undefined = agency; at && !seen.has(at.id); at = at.parentId === null ? undefined : structure.byId.get(at.parentId)) {
    seen.add(at.id);
    chain.push(at);
  }
  return chain;
}

/**
 * The kind whose online-rate target applies to an agency (kpi.md, Targets): its own, or for kind
 * `other` the one of its nearest ancestor of kind department, district or commune; the city, and an
 * `other` unit with no such ancestor, use the department column.
 */
export function targetKindOf(structure: Structure, agency: StructureAgency): AgencyKind {
  if (agency.kind !== 'other') return agency.kind;
  const listed = chainOf(structure, agency).find((a) => a.kind === 'department' || a.kind === 'district' || a.kind === 'commune');
  return listed?.kind ?? 'department';
}

/** The level agency of an agency: itself or the nearest listed agency above it; the root of its chain when none is listed. */
function levelOf(structure: Structure, agency: StructureAgency): StructureAgency {
  const chain = chainOf(structure, agency);
  return chain.find((a) => listedKinds.has(a.kind)) ?? chain[chain.length - 1]!;
}

export interface PeriodView { from: string; to: string; view: View; today: string }

/**
 * Whether an agency has a row of its own: in as_was when it existed on at least one day of P; in
 * as_is when its documents stay with it on `today` (it exists, or it has ended without a successor
 * in effect and is marked ended).
 */
function isListed(structure: Structure, agency: StructureAgency, period: PeriodView): boolean {
  if (period.view === 'as_is') return currentAgencyOn(structure, agency.id, period.today) === agency.id;
  return agency.validFrom <= period.to && (agency.validTo === null || agency.validTo >= period.from);
}

/** Rows in this order: own, listed rows by code, the remainder last (only when it holds any agency). */
function assemble(own: RowPlan | null, listed: Map<number, RowPlan>, rest: RowPlan): RowPlan[] {
  const rows = [...listed.values()].sort((a, b) => a.agency!.code.localeCompare(b.agency!.code));
  return [...(own ? [own] : []), ...rows, ...(rest.members.length > 0 ? [rest] : [])];
}

/**
 * Children (drill-down from X): X's own register, one row per child over the child's subtree, and a
 * remainder for the agencies of X's scope under no listed child (children ended before P in as_was,
 * or merged into an agency elsewhere in as_is).
 */
export function childrenPlan(structure: Structure, parent: StructureAgency, scopeIds: number[], period: PeriodView): RowPlan[] {
  const own: RowPlan = { role: 'own', agency: parent, targetKind: targetKindOf(structure, parent), members: [], spans: [], holds: [] };
  const listed = new Map<number, RowPlan>();
  const rest: RowPlan = { role: 'rest', agency: null, targetKind: parent.kind, members: [], spans: [], holds: [] };
  for (const id of scopeIds) {
    const agency = structure.byId.get(id);
    if (id === parent.id) { own.members.push(id); continue; }
    // The child of X on the agency's chain up to X.
    const chain = agency ? chainOf(structure, agency) : [];
    const at = chain.findIndex((a) => a.id === parent.id);
    const child = at > 0 ? chain[at - 1]! : undefined;
    if (child && isListed(structure, child, period)) {
      let row = listed.get(child.id);
      if (!row) listed.set(child.id, (row = { role: 'child', agency: child, targetKind: targetKindOf(structure, child), members: [], spans: [], holds: [] }));
      row.members.push(id);
    } else {
      rest.members.push(id);
      const shown = child ?? agency;
      if (shown && !rest.holds.some((a) => a.id === shown.id)) rest.holds.push(shown);
    }
  }
  return assemble(own, listed, rest);
}

/**
 * Levels (reports, rankings by kind): one row per agency of kind city, department, district or
 * commune in X's scope, with the `other` agencies below it that have no listed agency in between; a
 * district's row never holds its communes. X's own level row (the city's own register, say) is the
 * `own` row; agencies whose level agency is above X count in it too (X is then itself a unit).
 */
export function levelsPlan(structure: Structure, parent: StructureAgency, scopeIds: number[], period: PeriodView): RowPlan[] {
  const scope = new Set(scopeIds);
  const own: RowPlan = { role: 'own', agency: parent, targetKind: targetKindOf(structure, parent), members: [], spans: [], holds: [] };
  const listed = new Map<number, RowPlan>();
  const rest: RowPlan = { role: 'rest', agency: null, targetKind: parent.kind, members: [], spans: [], holds: [] };
  for (const id of scopeIds) {
    const agency = structure.byId.get(id);
    const level = agency ? levelOf(structure, agency) : undefined;
    if (!agency || !level) { rest.members.push(id); continue; }
    if (level.id === parent.id || !scope.has(level.id)) { own.members.push(id); continue; }
    if (isListed(structure, level, period)) {
      let row = listed.get(level.id);
      if (!row) listed.set(level.id, (row = { role: 'level', agency: level, targetKind: targetKindOf(structure, level), members: [], spans: [], holds: [] }));
      row.members.push(id);
    } else {
      rest.members.push(id);
      if (!rest.holds.some((a) => a.id === level.id)) rest.holds.push(level);
    }
  }
  return assemble(own, listed, rest);
}

export type Planner = (structure: Structure, parent: StructureAgency, scopeIds: number[], period: PeriodView) => RowPlan[];

/** The scope taken whole: one row holding X's subtree (the /kpis summary). */
export const wholeScope: Planner = (structure, parent, scopeIds) =>
  [{ role: 'own', agency: parent, targetKind: targetKindOf(structure, parent), members: [...scopeIds], spans: [], holds: [] }];

const rowKey = (row: RowPlan) => (row.agency && (row.role === 'child' || row.role === 'level') ? `agency ${row.agency.id}` : row.role);

/**
 * The rows of X's subtree over P. In as_was every document counts in the structure of its own day
 * (kpi.md, Grouped views): P (from min(P's start, A), where the open stock is read) is cut where a
 * parent or kind changes, each piece planned in its day's structure, and the pieces merged by row.
 * An agency in the same row on every piece is a member; one that moved counts, piece by piece, in
 * the row it was in (spans), so every document still counts in exactly one row. A row shows its
 * agency as on its last piece (names as on P's last day). In as_is: the structure as it stands.
 */
export function planOverPeriod(structure: Structure, parentId: number, period: PeriodView, planner: Planner): RowPlan[] {
  const onPiece = (pieceStructure: Structure) =>
    planner(pieceStructure, pieceStructure.byId.get(parentId)!, subtreeIds(pieceStructure, parentId), period);
  if (period.view === 'as_is') return onPiece(structure);
  const asOf = asOfDate(period.to, period.today);
  const pieces = stablePieces(structure, asOf < period.from ? asOf : period.from, period.to)
    .map((piece) => ({ ...piece, rows: onPiece(structureOn(structure, piece.to)) }));
  if (pieces.length === 1) return pieces[0]!.rows;
  const rows = new Map<string, RowPlan>();
  const placements = new Map<number, (string | undefined)[]>();
  pieces.forEach((piece, index) => {
    for (const row of piece.rows) {
      const key = rowKey(row);
      const merged = rows.get(key);
      // The last piece's agency and target; the remainder's holds over every piece.
      rows.set(key, { ...row, members: [], spans: [], holds: [...(merged?.holds ?? []), ...row.holds.filter((a) => !merged?.holds.some((h) => h.id === a.id))] });
      for (const id of row.members) {
        if (!placements.has(id)) placements.set(id, pieces.map(() => undefined));
        placements.get(id)![index] = key;
      }
    }
  });
  for (const [id, keys] of placements) {
    if (keys.every((key) => key === keys[0])) { rows.get(keys[0]!)!.members.push(id); continue; }
    keys.forEach((key, index) => { if (key) rows.get(key)!.spans.push({ agency: id, from: pieces[index]!.from, to: pieces[index]!.to }); });
  }
  const own = rows.get('own');
  const rest = rows.get('rest');
  const listed = [...rows.values()].filter((row) => row !== own && row !== rest).sort((a, b) => a.agency!.code.localeCompare(b.agency!.code));
  return [...(own ? [own] : []), ...listed, ...(rest && (rest.members.length > 0 || rest.spans.length > 0) ? [rest] : [])];
}

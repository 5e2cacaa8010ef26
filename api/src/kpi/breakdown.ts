// The breakdown of ioc-api.md and the grouped views of kpi.md: the KPI figures of an agency's rows,
// for drill-downs, rankings, maps and reports, from one grouped run of the summary (kpi_period.sql, kpi_stock.sql). The rows
// partition the agency's scope (grouped.ts), so they add up to its /api/v1/kpis (scope=subtree) for
// every count, in both views:
//   * children (default): the agency's own register (`row: "own"`), one row per child over the
//     child's subtree (`row: "child"`), and what no child takes (`row: "rest"`: children dissolved
//     before the period, named in `holds`);
//   * levels (`rows=levels`): the agency's own register, every department, district and commune
//     below it, each with its `other` units and never with the agencies of another level;
//   * one kind (`kind=…`, the rankings): the level rows of that kind alone.
// A row ranks, among the rows of its own kind, only when the figure it is ranked by rests on at
// least `min_volume` documents, so a commune with three documents does not top the table.
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Warehouse } from '@vanban/common';
import { groupFigures, scopeOf, shapeFigures, summarize, type GroupRow, type KpiFigures, type KpiSummary, type ScopeRow, type View } from './kpi-summary.js';
import { currentBuild, type CurrentBuild } from './current-build.js';
import { loadAgencyStructure } from './structure.js';
import { BadRequestError } from '../request-errors.js';
import { asOfDate, type AgencyKind } from './periods.js';
import { childrenPlan, isEndedOn, levelsPlan, planOverPeriod, type RowPlan, type RowRole, type Structure } from './grouped.js';

export const rankableRates = ['on_time_rate', 'online_rate', 'interconnected_rate', 'cohort_completion_rate', 'digitally_signed_rate', 'electronic_dispatch_rate'] as const;
export type RankableRate = (typeof rankableRates)[number];
export const breakdownRowSets = ['children', 'levels'] as const;
export type BreakdownRowSet = (typeof breakdownRowSets)[number];

export interface BreakdownQuery {
  agency: string;
  from: string;
  to: string;
  view: View;
  rank_by: RankableRate;
  min_volume: number;
  /** Every agency of this kind below `agency` (each with its `other` units) instead of its children (rankings). */
  kind?: AgencyKind;
  /** children (default) or levels; ignored when `kind` is set. */
  rows?: BreakdownRowSet;
}

export interface BreakdownRow {
  agency: KpiSummary['agency'];
  /** What the row holds: the agency's own register, a child's subtree, one level agency with its units, or the remainder. */
  row: RowRole;
  /** For the remainder row: the agencies it stands for (dissolved before the period, merged away). */
  holds?: { code: string; name: string; kind: AgencyKind; ended: boolean }[];
  /** 1 = best among the rows of the same kind; null when the volume is below min_volume, the rate is undefined, or the row is own/rest. */
  rank: number | null;
  /** The number of documents the ranked rate rests on. */
  volume: number;
  value: number | null;
  kpis: KpiFigures;
}

export interface Breakdown {
  agency: KpiSummary['agency'];
  view: View;
  period: KpiSummary['period'];
  data_as_of: string | null;
  rank_by: RankableRate;
  min_volume: number;
  kind: AgencyKind | null;
  rows: BreakdownRowSet;
  children: BreakdownRow[];
}

/** The rate a row is ranked by and the documents it rests on. */
function rankedFigure(figures: KpiFigures, by: RankableRate): { value: number | null; volume: number } {
  const { incoming, outgoing } = figures;
  switch (by) {
    case 'on_time_rate': return { value: incoming.on_time_rate, volume: incoming.completed_on_time + incoming.completed_late };
    case 'online_rate': return { value: incoming.online_rate, volume: incoming.received };
    case 'interconnected_rate': return { value: incoming.interconnected_rate, volume: incoming.received };
    case 'cohort_completion_rate': return { value: incoming.cohort_completion_rate, volume: incoming.received };
    case 'digitally_signed_rate': return { value: outgoing.digitally_signed_rate, volume: outgoing.issued };
    case 'electronic_dispatch_rate': return { value: outgoing.electronic_dispatch_rate, volume: outgoing.issued };
  }
}

/** The remainder row's name (the portal labels it in Vietnamese from `row`). */
export const restRowName = 'Agencies dissolved or merged (no row of their own in this period and view)';

/** Every count of the figures is zero: a remainder row with nothing in it is left out. */
function isEmpty(kpis: KpiFigures): boolean {
  const { incoming, outgoing, work_files, adoption } = kpis;
  return [incoming.received, incoming.returned, incoming.completed, incoming.open_on_time, incoming.open_overdue, outgoing.issued, work_files.opened, adoption.agencies].every((n) => n === 0);
}

export interface PlannedRows { parent: ScopeRow; structure: Structure; build: CurrentBuild; plan: RowPlan[] }

/**
 * The rows of `agency`'s scope for a period and view (children or levels), not yet counted; the
 * structure is the one of the build read first (or `build`, the one the caller looked up: the read
 * cache's, whose data_as_of tags the answer), so a reader never combines two.
 */
export async function planRows(client: Warehouse, query: { agency: string; from: string; to: string; view: View }, rows: BreakdownRowSet, today: string, build?: CurrentBuild): Promise<PlannedRows> {
  build ??= await currentBuild(client);
  const structure = await loadAgencyStructure(client, build.dataAsOf);
  const parent = scopeOf(structure, query.agency, 'subtree', today, query.view === 'as_was' ? query.to : undefined);
  const plan = planOverPeriod(structure, parent.agency_id, { ...query, today }, rows === 'levels' ? levelsPlan : childrenPlan);
  return { parent, structure, build, plan };
}

/** The planned rows that read anything, each with its group's figures, from one grouped read. */
async function readRows(client: Warehouse, planned: PlannedRows, plan: RowPlan[], query: { from: string; to: string; view: View }, today: string, stockOnly = false): Promise<{ row: RowPlan; figures: GroupRow }[]> {
  const withMembers = plan.filter((row) => row.members.length > 0 || row.spans.length > 0);
  if (withMembers.length === 0) return [];
  const agencies = withMembers.flatMap((row) => row.members);
  const groups = withMembers.flatMap((row, index) => row.members.map(() => index));
  const spans = withMembers.flatMap((row, index) => row.spans.map((span) => ({ ...span, group: index })));
  const counted = await groupFigures(client, agencies, groups, { from: query.from, to: query.to, view: query.view, asOf: asOfDate(query.to, today), today },
    { structure: planned.structure, spans, stockOnly });
  return counted.map((figures) => ({ row: withMembers[Number(figures.grp)]!, figures }));
}

/** The agency a row is shown as (the remainder: no agency, named by `restRowName`) and, for the remainder, what it holds. */
function rowIdentity(row: RowPlan, today: string): Pick<BreakdownRow, 'agency' | 'holds'> {
  const ended = (agency: Parameters<typeof isEndedOn>[0]) => isEndedOn(agency, today);
  const agency = row.agency
    ? { code: row.agency.code, name: row.agency.name, kind: row.agency.kind, ended: ended(row.agency) }
    : { code: '', name: restRowName, kind: 'other' as AgencyKind, ended: true };
  return row.role === 'rest'
    ? { agency, holds: row.holds.map((a) => ({ code: a.code, name: a.name, kind: a.kind, ended: ended(a) })).sort((a, b) => a.code.localeCompare(b.code)) }
    : { agency };
}

/** Counts the planned rows in one grouped query; the remainder row is dropped when it counts nothing. */
export async function countRows(client: Warehouse, planned: PlannedRows, plan: RowPlan[], query: { from: string; to: string; view: View; rank_by: RankableRate; min_volume: number }, today: string): Promise<BreakdownRow[]> {
  const rows: BreakdownRow[] = [];
  const read = await readRows(client, planned, plan, query, today);
  for (const [index, { row, figures }] of read.entries()) {
    // The city's levels are 600 rows: shaped in one go they held the event loop for tens of
    // milliseconds, every other request waiting; a turn is given back every 50.
    if (index > 0 && index % 50 === 0) await nextTurn();
    const kpis = shapeFigures(figures, row.targetKind, query.to);
    if (row.role === 'rest') {
      if (isEmpty(kpis)) continue;
      // Not an agency: no target of its own.
      kpis.target = { online_rate: null, met: null };
    }
    const figure = rankedFigure(kpis, query.rank_by);
    const { agency, holds } = rowIdentity(row, today);
    rows.push({ agency, row: row.role, rank: null, volume: figure.volume, value: figure.value, kpis, ...(holds ? { holds } : {}) });
  }
  rankRows(rows, query.min_volume);
  return rows;
}

/**
 * One rank per kind: the child and level rows of each kind ranked among themselves, best first,
 * equal rates sharing a rank (1, 2, 2, 4). Rows are then ordered by their rate (ranked first), the
 * unranked by code, the own register and the remainder last.
 */
function rankRows(rows: BreakdownRow[], minVolume: number): void {
  const rankable = rows.filter((row) => (row.row === 'child' || row.row === 'level') && row.value !== null && row.volume >= minVolume)
    .sort((a, b) => b.value! - a.value! || a.agency.code.localeCompare(b.agency.code));
  const last = new Map<string, { value: number; rank: number; count: number }>();
  for (const row of rankable) {
    const previous = last.get(row.agency.kind);
    const count = (previous?.count ?? 0) + 1;
    const rank = previous && previous.value === row.value ? previous.rank : count;
    row.rank = rank;
    last.set(row.agency.kind, { value: row.value!, rank, count });
  }
  const place = (row: BreakdownRow) => (row.row === 'own' ? 2 : row.row === 'rest' ? 3 : row.rank === null ? 1 : 0);
  rows.sort((a, b) => place(a) - place(b)
    || (place(a) === 0 ? b.value! - a.value! : 0)
    || a.agency.code.localeCompare(b.agency.code));
}

/** What a set of rows is of: the agency, the view, the period and the build it was read from. */
function rowsEnvelope({ parent, build }: PlannedRows, query: { from: string; to: string; view: View }, today: string): Pick<Breakdown, 'agency' | 'view' | 'period' | 'data_as_of'> {
  return {
    agency: { code: parent.code, name: parent.name, kind: parent.kind, ended: Boolean(parent.is_ended) },
    view: query.view,
    period: { from: query.from, to: query.to, as_of: asOfDate(query.to, today) },
    data_as_of: build.dataAsOf,
  };
}

export async function kpiBreakdown(client: Warehouse, query: BreakdownQuery, today: string, build?: CurrentBuild): Promise<Breakdown> {
  const rowSet: BreakdownRowSet = query.kind ? 'levels' : (query.rows ?? 'children');
  const planned = await planRows(client, query, rowSet, today, build);
  const chosen = query.kind ? planned.plan.filter((row) => row.role === 'level' && row.agency!.kind === query.kind) : planned.plan;
  return {
    ...rowsEnvelope(planned, query, today),
    rank_by: query.rank_by,
    min_volume: query.min_volume,
    kind: query.kind ?? null,
    rows: rowSet,
    children: await countRows(client, planned, chosen, query, today),
  };
}

/** A row of the backlog: the open documents at the period's end (kpi.md, status at A). */
export interface BacklogRow extends Pick<BreakdownRow, 'agency' | 'row' | 'holds'> {
  open_on_time: number;
  open_overdue: number;
  open_due_soon: number;
}

export interface Backlog {
  agency: KpiSummary['agency'];
  view: View;
  period: KpiSummary['period'];
  data_as_of: string | null;
  children: BacklogRow[];
}

/**
 * The breakdown's rows (own register, children, remainder) with only what is open at the period's
 * end, most overdue first: the first screen's "most overdue" list without the figures over the period,
 * which the breakdown also reads (the stock alone is a scan of one narrow column). The rows are the
 * breakdown's and add up to /api/v1/kpis (scope=subtree); the remainder is left out when it holds
 * nothing open.
 */
export async function kpiBacklog(client: Warehouse, query: { agency: string; from: string; to: string; view: View }, today: string, build?: CurrentBuild): Promise<Backlog> {
  const planned = await planRows(client, query, 'children', today, build);
  const children: BacklogRow[] = [];
  for (const { row, figures } of await readRows(client, planned, planned.plan, query, today, true)) {
    const open = { open_on_time: Number(figures.open_total) - Number(figures.open_overdue), open_overdue: Number(figures.open_overdue), open_due_soon: Number(figures.open_due_soon) };
    if (row.role === 'rest' && open.open_on_time + open.open_overdue === 0) continue;
    const { agency, holds } = rowIdentity(row, today);
    children.push({ agency, row: row.role, ...(holds ? { holds } : {}), ...open });
  }
  children.sort((a, b) => b.open_overdue - a.open_overdue || a.agency.code.localeCompare(b.agency.code));
  return { ...rowsEnvelope(planned, query, today), children };
}

/**
 * The figures of every level row of one kind below `agency`, taken together as one group (a report
 * whose scope is one level: all the communes of the city, say): the same rows as the ranking by
 * that kind, summed by the warehouse rather than by us.
 */
export async function kindSummary(client: Warehouse, query: { agency: string; from: string; to: string; view: View; kind: AgencyKind }, today: string): Promise<KpiSummary> {
  const { parent, plan, structure, build } = await planRows(client, query, 'levels', today);
  const chosen = plan.filter((row) => row.role === 'level' && row.agency!.kind === query.kind);
  if (chosen.length === 0) throw new BadRequestError(`No agency of kind ${query.kind} below ${parent.code} in ${query.from} → ${query.to} (${query.view})`);
  return summarize(client, parent, chosen.flatMap((row) => row.members), { ...query, scope: 'subtree' }, today, query.kind, undefined,
    { structure, dataAsOf: build.dataAsOf, buildId: build.buildId, spans: chosen.flatMap((row) => row.spans) });
}

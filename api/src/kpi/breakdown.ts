// The breakdown of ioc-api.md: the KPI figures of every child of an agency (over the child's own
// subtree, exactly as /api/v1/kpis with scope=subtree gives them), for rankings and maps, from one
// grouped run of kpi_summary.sql. A child ranks only when the figure it is ranked by rests on at
// least `min_volume` documents, so a commune with three documents does not top the table.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { dataAsOf, groupFigures, resolveScope, shapeFigures, summarize, type KpiFigures, type KpiSummary, type View } from './kpi-summary.js';
import { BadRequestError } from '../request-errors.js';
import { asOfDate, type AgencyKind } from './periods.js';

export const rankableRates = ['on_time_rate', 'online_rate', 'interconnected_rate', 'cohort_completion_rate', 'digitally_signed_rate', 'electronic_dispatch_rate'] as const;
export type RankableRate = (typeof rankableRates)[number];

export interface BreakdownQuery {
  agency: string;
  from: string;
  to: string;
  view: View;
  rank_by: RankableRate;
  min_volume: number;
  /** Every agency of this kind below `agency` instead of its children (rankings). */
  kind?: AgencyKind;
}

export interface BreakdownRow {
  agency: KpiSummary['agency'];
  /** 1 = best; null when the child's volume is below min_volume or its rate is undefined. */
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
  children: BreakdownRow[];
}

const childrenSql = readSql(new URL('./agency_children.sql', import.meta.url));

/** The rate a child is ranked by and the documents it rests on. */
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

export async function kpiBreakdown(client: Warehouse, query: BreakdownQuery, today: string): Promise<Breakdown> {
  const parent = await resolveScope(client, query.agency, 'subtree');
  const asOf = asOfDate(query.to, today);
  const children = await queryRows<{ code: string; name: string; kind: AgencyKind; is_ended: boolean; member_ids: number[] }>(client, childrenSql, {
    code: query.agency, as_is: query.view === 'as_is', from: query.from, to: query.to, kind: query.kind ?? '',
  });
  const agencies = children.flatMap((child) => child.member_ids.map(Number));
  const groups = children.flatMap((child, index) => child.member_ids.map(() => index));
  const rows = agencies.length === 0 ? [] : await groupFigures(client, agencies, groups, { from: query.from, to: query.to, view: query.view, asOf });
  const breakdown: BreakdownRow[] = rows.map((row) => {
    const child = children[Number(row.grp)]!;
    const kpis = shapeFigures(row, child.kind, query.to);
    const figure = rankedFigure(kpis, query.rank_by);
    return { agency: { code: child.code, name: child.name, kind: child.kind, ended: Boolean(child.is_ended) }, rank: null, volume: figure.volume, value: figure.value, kpis };
  });
  // Best first; equal rates share a rank (1, 2, 2, 4).
  const ranked = breakdown.filter((row) => row.value !== null && row.volume >= query.min_volume).sort((a, b) => b.value! - a.value!);
  ranked.forEach((row, index) => { row.rank = index > 0 && ranked[index - 1]!.value === row.value ? ranked[index - 1]!.rank : index + 1; });
  breakdown.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.agency.code.localeCompare(b.agency.code));
  return {
    agency: { code: parent.code, name: parent.name, kind: parent.kind, ended: Boolean(parent.is_ended) },
    view: query.view,
    period: { from: query.from, to: query.to, as_of: asOf },
    data_as_of: await dataAsOf(client),
    rank_by: query.rank_by,
    min_volume: query.min_volume,
    kind: query.kind ?? null,
    children: breakdown,
  };
}

/**
 * The figures of every agency of one kind below `agency`, taken together as one group (a report
 * whose scope is one level: all the communes of the city, say). Same query, same figures as the
 * breakdown's rows, summed by the warehouse rather than by us.
 */
export async function kindSummary(client: Warehouse, query: Omit<BreakdownQuery, 'rank_by' | 'min_volume'> & { kind: AgencyKind }, today: string): Promise<KpiSummary> {
  const parent = await resolveScope(client, query.agency, 'subtree');
  const rows = await queryRows<{ member_ids: number[] }>(client, childrenSql, {
    code: query.agency, as_is: query.view === 'as_is', from: query.from, to: query.to, kind: query.kind,
  });
  const agencies = [...new Set(rows.flatMap((row) => row.member_ids.map(Number)))];
  if (agencies.length === 0) throw new BadRequestError(`No agency of kind ${query.kind} below ${parent.code} in ${query.from} → ${query.to} (${query.view})`);
  return summarize(client, parent, agencies, { ...query, scope: 'subtree' }, today, query.kind);
}

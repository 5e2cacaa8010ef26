// The time series of ioc-api.md: the KPI summary for each day, ISO week (Monday to Sunday) or
// calendar month of a period, all points in one query. Each point is exactly the summary of its own
// sub-period (cut to the period's edges), so a point always equals what /api/v1/kpis answers for
// those dates.
import { kpiSummary, scopeOf, shapeFigures, type KpiFigures, type KpiSummary, type Scope, type SummaryRow, type View } from './kpi-summary.js';
import { asOfDate, dateOfDay, dayNumber, dayOf, type AgencyKind } from './periods.js';
import { mapLimited } from './run-limited.js';
import { currentBuild, type CurrentBuild } from './current-build.js';
import { unpackOpenStock, unpackPeriod, type PackedSums } from './packed-figures.js';
import { planOverPeriod, targetKindOf, wholeScope } from './grouped.js';
import { countedAgencies, figuresTable, loadAgencyStructure, type AgencyStructure } from './structure.js';
import { readSql, type Warehouse } from '@vanban/common';

export type Interval = 'day' | 'week' | 'month';

/** More points than this is a query for a coarser interval. */
export const maxSeriesPoints = 120;

export interface SeriesQuery {
  agency: string;
  from: string;
  to: string;
  scope: Scope;
  view: View;
  interval: Interval;
}

export interface SeriesPoint {
  from: string;
  to: string;
  as_of: string;
  kpis: KpiFigures;
}

export interface Series {
  agency: KpiSummary['agency'];
  scope: Scope;
  view: View;
  interval: Interval;
  period: KpiSummary['period'];
  data_as_of: string | null;
  points: SeriesPoint[];
}

/**
 * How many points [from, to] makes at `interval`, by arithmetic on day numbers: nothing is built,
 * so an absurd span (0000 to 9999 by day) costs no more than a short one and is refused at once.
 */
export function seriesPointCount(from: string, to: string, interval: Interval): number {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  if (interval === 'month') return (ty - fy) * 12 + (tm - fm) + 1;
  const first = dayOf(from);
  const last = dayOf(to);
  if (interval === 'day') return last - first + 1;
  // ISO weeks: count the Mondays that start them (1970-01-01, day 0, was a Thursday).
  const monday = (day: number) => day - ((day + 3) % 7 + 7) % 7;
  return (monday(last) - monday(first)) / 7 + 1;
}

/** The day number of the first day of the bucket after the one that holds `day`. */
function nextBucket(day: number, interval: Interval): number {
  if (interval === 'day') return day + 1;
  if (interval === 'week') return day + 7 - ((day + 3) % 7 + 7) % 7;
  const [y, m] = dateOfDay(day).split('-').map(Number) as [number, number];
  return m === 12 ? dayNumber(y + 1, 1, 1) : dayNumber(y, m + 1, 1);
}

/**
 * The buckets of [from, to], the first and last cut to the period. Day numbers (integers) carry
 * the loop, so it ends for any dates; callers refuse more than maxSeriesPoints first.
 */
export function seriesBuckets(from: string, to: string, interval: Interval): { from: string; to: string }[] {
  const buckets: { from: string; to: string }[] = [];
  const last = dayOf(to);
  for (let start = dayOf(from); start <= last; start = nextBucket(start, interval)) {
    buckets.push({ from: dateOfDay(start), to: dateOfDay(Math.min(nextBucket(start, interval) - 1, last)) });
  }
  return buckets;
}

const seriesSql = readSql(new URL('./kpi_series.sql', import.meta.url));

/**
 * The series in one query (kpi_series.sql): every bucket's figures from one read of the scope's
 * rows. When an agency moved in or out of the subtree within the period (as_was), each point is
 * planned on its own instead (one summary per point), so that each counts the structure of its days.
 * `build`: the build whose data_as_of tags the answer and whose structure and calendar it uses, when
 * the caller has looked it up (the read cache's RecentBuild); the figures are read as the tables stand.
 */
export async function kpiSeries(client: Warehouse, query: SeriesQuery, today: string, buckets: { from: string; to: string }[], build?: CurrentBuild): Promise<Series> {
  build ??= await currentBuild(client);
  const structure = await loadAgencyStructure(client, build.dataAsOf);
  const agency = scopeOf(structure, query.agency, query.scope, today);
  const [whole] = query.scope === 'subtree' ? planOverPeriod(structure, agency.agency_id, { ...query, today }, wholeScope) : [];
  const points = whole && whole.spans.length > 0
    ? await pointByPoint(client, query, today, buckets, build)
    : await allPoints(client, structure, whole?.members ?? agency.scope_agency_ids, query, today, buckets,
      targetKindOf(structure, structure.byId.get(agency.agency_id)!));
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    view: query.view,
    interval: query.interval,
    period: { from: query.from, to: query.to, as_of: asOfDate(query.to, today) },
    data_as_of: build.dataAsOf,
    points,
  };
}

async function allPoints(
  client: Warehouse, structure: AgencyStructure, members: number[], query: SeriesQuery, today: string,
  buckets: { from: string; to: string }[], targetKind: AgencyKind,
): Promise<SeriesPoint[]> {
  const read = countedAgencies(structure, members, members.map(() => 0), query.view, today);
  const asOf = buckets.map((bucket) => asOfDate(bucket.to, today));
  const table = figuresTable(structure, read.agencies, read.groups);
  const result = await client.query({
    query: seriesSql,
    query_params: {
      agencies: read.agencies, counted: read.counted, daily: table.daily, read: table.agencies,
      bucket_from: buckets.map((b) => b.from), bucket_to: buckets.map((b) => b.to), bucket_as_of: asOf,
    },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const rows = await result.json<PackedSums & { grp: number; open_changes: (number | string)[]; agencies: number; active_agencies: number }>();
  return rows.map((row) => {
    const bucket = buckets[Number(row.grp)]!;
    const bucketAsOf = asOf[Number(row.grp)]!;
    const figures: SummaryRow = {
      ...unpackPeriod(row, bucketAsOf), ...unpackOpenStock(row.open_changes),
      agencies: Number(row.agencies), active_agencies: Number(row.active_agencies),
    };
    return { from: bucket.from, to: bucket.to, as_of: bucketAsOf, kpis: shapeFigures(figures, targetKind, bucket.to) };
  });
}

async function pointByPoint(client: Warehouse, query: SeriesQuery, today: string, buckets: { from: string; to: string }[], build: CurrentBuild): Promise<SeriesPoint[]> {
  // Two at a time: the read cache lets a caller run two computations, so one caller holds four queries at most.
  const summaries = await mapLimited(buckets, 2, (bucket) =>
    kpiSummary(client, { agency: query.agency, from: bucket.from, to: bucket.to, scope: query.scope, view: query.view }, today, undefined, build));
  return summaries.map(({ agency: _a, scope: _s, view: _v, period, data_as_of: _d, working_days: _w, ...kpis }) => ({ ...period, kpis }));
}

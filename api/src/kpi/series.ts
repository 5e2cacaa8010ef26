// The time series of ioc-api.md: the KPI summary for each day, ISO week (Monday to Sunday) or
// calendar month of a period. Each point is exactly the summary of its own sub-period (cut to the
// period's edges), so a point always equals what /api/v1/kpis answers for those dates.
import { dataAsOf, kpiSummary, resolveScope, type KpiSummary, type Scope, type View } from './kpi-summary.js';
import { asOfDate } from './periods.js';
import { mapLimited } from './run-limited.js';
import type { Warehouse } from '@vanban/common';

export type Interval = 'day' | 'week' | 'month';

/** More points than this is a query for a coarser interval; each point is one summary query. */
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
  kpis: Omit<KpiSummary, 'agency' | 'scope' | 'view' | 'period' | 'data_as_of'>;
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

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (date: Date) => date.toISOString().slice(0, 10);

/** The first day of the bucket after the one that holds `date`. */
function nextBucket(date: Date, interval: Interval): Date {
  const next = new Date(date);
  if (interval === 'day') next.setUTCDate(next.getUTCDate() + 1);
  else if (interval === 'week') next.setUTCDate(next.getUTCDate() + (7 - ((next.getUTCDay() + 6) % 7)));
  else next.setUTCMonth(next.getUTCMonth() + 1, 1);
  return next;
}

/** The buckets of [from, to], the first and last cut to the period. */
export function seriesBuckets(from: string, to: string, interval: Interval): { from: string; to: string }[] {
  const buckets: { from: string; to: string }[] = [];
  for (let start = day(from); iso(start) <= to; start = nextBucket(start, interval)) {
    const end = new Date(nextBucket(start, interval).getTime() - 86_400_000);
    buckets.push({ from: iso(start), to: iso(end) < to ? iso(end) : to });
  }
  return buckets;
}

export async function kpiSeries(client: Warehouse, query: SeriesQuery, today: string, buckets: { from: string; to: string }[]): Promise<Series> {
  const agency = await resolveScope(client, query.agency, query.scope);
  const summaries = await mapLimited(buckets, 4, (bucket) =>
    kpiSummary(client, { agency: query.agency, from: bucket.from, to: bucket.to, scope: query.scope, view: query.view }, today));
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    view: query.view,
    interval: query.interval,
    period: { from: query.from, to: query.to, as_of: asOfDate(query.to, today) },
    data_as_of: summaries[0]?.data_as_of ?? (await dataAsOf(client)),
    points: summaries.map(({ agency: _a, scope: _s, view: _v, period, data_as_of: _d, ...kpis }) => ({ ...period, kpis })),
  };
}

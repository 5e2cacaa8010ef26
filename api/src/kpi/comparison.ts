// The comparison of kpi.md (Comparisons): the same figures over the previous period and over the same
// dates a year earlier, with the counts also per working day, so that a month holding Tết is not
// read as a collapse. Asked for with `compare=true`: it needs the summary of three periods, and the
// IOC's polling of the fixed contract does not need it.
import type { Warehouse } from '@vanban/common';
import { kpiSummary, type KpiFigures, type KpiQuery, type KpiSummary } from './kpi-summary.js';
import { comparedPeriods, warehouseDates } from './periods.js';

/** The counts of a period divided by its working days (null when it has none). */
export interface PerWorkingDay {
  received: number | null; returned: number | null; completed: number | null;
  completed_on_time: number | null; completed_late: number | null;
  issued: number | null; opened: number | null;
}

export interface ComparedPeriod extends KpiFigures {
  period: KpiSummary['period'];
  working_days: number;
  per_working_day: PerWorkingDay;
}

export type ComparedSummary = KpiSummary & {
  per_working_day: PerWorkingDay;
  /** null: that period starts before the warehouse's first date (2000-01-01). */
  comparison: { previous: ComparedPeriod | null; last_year: ComparedPeriod | null };
};

export function perWorkingDay(summary: Pick<KpiSummary, 'working_days' | 'incoming' | 'outgoing' | 'work_files'>): PerWorkingDay {
  const per = (count: number) => (summary.working_days === 0 ? null : count / summary.working_days);
  const { incoming, outgoing, work_files: workFiles } = summary;
  return {
    received: per(incoming.received), returned: per(incoming.returned), completed: per(incoming.completed),
    completed_on_time: per(incoming.completed_on_time), completed_late: per(incoming.completed_late),
    issued: per(outgoing.issued), opened: per(workFiles.opened),
  };
}

/** How a summary is had: computed, or (the API) taken from the answers kept for the same data. */
export type SummaryOf = (query: KpiQuery) => Promise<KpiSummary>;

/** The summary of `query` with its per-working-day counts and the two periods it is compared with. */
export async function comparedSummary(client: Warehouse, query: KpiQuery, today: string, summaryOf: SummaryOf = (q) => kpiSummary(client, q, today)): Promise<ComparedSummary> {
  const periods = comparedPeriods(query.from, query.to);
  const other = async (range: { from: string; to: string }): Promise<ComparedPeriod | null> => {
    if (range.from < warehouseDates.from) return null;
    const { agency: _a, scope: _s, view: _v, data_as_of: _d, ...figures } = await summaryOf({ ...query, ...range });
    return { ...figures, per_working_day: perWorkingDay(figures) };
  };
  // The three side by side: each summary's queries are short enough that the warehouse interleaves
  // them well on two cores. The portal asks for the plain summary first (its first screen), so the
  // API usually has that one already.
  const [summary, previous, lastYear] = await Promise.all([summaryOf(query), other(periods.previous), other(periods.last_year)]);
  return { ...summary, per_working_day: perWorkingDay(summary), comparison: { previous, last_year: lastYear } };
}

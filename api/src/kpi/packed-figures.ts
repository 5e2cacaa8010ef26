// The figures as agg_agency_daily and agg_city_daily keep them (dbt/macros/figures.sql,
// packed_*): the counts and the changes of the open stock as arrays added up position by
// position, and every histogram in one sumMap whose keys carry the histogram's position. The
// positions are read from the dbt macros, where each order is written once; a figure this module
// needs that a list does not hold stops the API at start, not a summary at run time.
import { readFileSync } from 'node:fs';
import { dayOf } from './periods.js';
import type { Histogram } from './quantiles.js';

const figuresFile = new URL('../../../dbt/macros/figures.sql', import.meta.url);
const macros = readFileSync(figuresFile, 'utf8');

/** The names of a macro whose body is a list `[a, b, …]`, in order. */
function listMacro(name: string): string[] {
  const body = new RegExp(`\\{%-?\\s*macro\\s+${name}\\(\\)\\s*-?%\\}\\s*\\[([^\\]]*)\\]\\s*\\{%-?\\s*endmacro`).exec(macros)?.[1];
  if (body === undefined) throw new Error(`${figuresFile.pathname}: no macro ${name}() whose body is a list [a, b, …]`);
  return body.split(',').map((item) => item.trim());
}

/** Each wanted name's position (from 0) in the macro's list. */
function positionsIn<Name extends string>(macro: string, wanted: readonly Name[]): Record<Name, number> {
  const list = listMacro(macro);
  return Object.fromEntries(wanted.map((name) => {
    const position = list.indexOf(name);
    if (position < 0) throw new Error(`${figuresFile.pathname}: ${macro}() does not list ${name}, which the API reads`);
    return [name, position];
  })) as Record<Name, number>;
}

const storedCounts = [
  'received', 'returned', 'online', 'interconnected', 'completed', 'completed_on_time', 'completed_late', 'completed_no_deadline',
  'processing_days_sum', 'issued', 'digitally_signed', 'dispatches', 'electronic_dispatches', 'work_files_opened', 'electronic_work_files',
  'extended', 'extended_after_expiry', 'completed_on_time_original', 'completed_late_original', 'timely_transfers',
] as const;
const storedOpenChanges = ['open_change', 'overdue_change', 'due_soon_change', 'overdue_over_5_change', 'overdue_over_10_change', 'overdue_over_20_change'] as const;
const storedHistograms = [
  'processing_days_histogram', 'cohort_completed_histogram', 'drafting_days_histogram',
  'delivery_days_histogram', 'to_leader_days_histogram', 'to_assign_days_histogram', 'handling_days_histogram',
] as const;

const countAt = positionsIn('packed_counts', storedCounts);
const openChangeAt = positionsIn('packed_open_changes', storedOpenChanges);
const histogramAt = positionsIn('packed_histograms', storedHistograms);
/** Every histogram the tables pack, the API's or not: a key's position is among them. */
const packedHistograms = listMacro('packed_histograms').length;

/** The counts over a period, under the names of a summary row (work_files_opened is `opened`). */
export type PeriodCounts = Record<Exclude<typeof storedCounts[number], 'work_files_opened'> | 'opened' | 'cohort_completed', number>;
export type PeriodHistograms = Record<Exclude<typeof storedHistograms[number], 'cohort_completed_histogram'>, Histogram>;
/** The figures of the open stock at A (kpi_stock.sql), as opposed to those over P, under the names of a summary row. */
export const openStockFigures = ['open_total', 'open_overdue', 'open_due_soon', 'open_overdue_over_5', 'open_overdue_over_10', 'open_overdue_over_20'] as const;
export type OpenStock = Record<typeof openStockFigures[number], number>;

/** What kpi_period.sql and kpi_series.sql return per group: the packed sums. */
export interface PackedSums {
  counts: (number | string)[];
  /** sumMap's (keys, documents) over histogram_keys and histogram_counts. */
  histograms: [(number | string)[], (number | string)[]];
}

const keyBase = 2 ** 32;
const valueOffset = 2 ** 31;

/**
 * The counts and histograms of a period from its packed sums. `asOf`: A, by which the documents
 * received in the period count as completed (cohort_completed: the cohort histogram's completion
 * dates up to A).
 */
export function unpackPeriod(sums: PackedSums, asOf: string): PeriodCounts & PeriodHistograms {
  const count = (name: typeof storedCounts[number]) => Number(sums.counts[countAt[name]] ?? 0);
  const histograms = Array.from({ length: packedHistograms }, (): [number, number][] => []);
  const [keys, documents] = sums.histograms;
  keys.forEach((key, i) => {
    // sumMap returns its keys sorted, so each histogram comes out in value order, as nearestRank walks it.
    const figure = Math.floor(Number(key) / keyBase);
    histograms[figure - 1]?.push([Number(key) - figure * keyBase - valueOffset, Number(documents[i])]);
  });
  const histogram = (name: typeof storedHistograms[number]): Histogram => histograms[histogramAt[name]]!;
  const asOfDay = dayOf(asOf);
  return {
    received: count('received'), returned: count('returned'), online: count('online'), interconnected: count('interconnected'),
    completed: count('completed'), completed_on_time: count('completed_on_time'), completed_late: count('completed_late'),
    completed_no_deadline: count('completed_no_deadline'), processing_days_sum: count('processing_days_sum'),
    issued: count('issued'), digitally_signed: count('digitally_signed'),
    dispatches: count('dispatches'), electronic_dispatches: count('electronic_dispatches'),
    opened: count('work_files_opened'), electronic_work_files: count('electronic_work_files'),
    extended: count('extended'), extended_after_expiry: count('extended_after_expiry'),
    completed_on_time_original: count('completed_on_time_original'), completed_late_original: count('completed_late_original'),
    timely_transfers: count('timely_transfers'),
    cohort_completed: histogram('cohort_completed_histogram').reduce((total, [day, n]) => (day <= asOfDay ? total + n : total), 0),
    processing_days_histogram: histogram('processing_days_histogram'),
    drafting_days_histogram: histogram('drafting_days_histogram'),
    delivery_days_histogram: histogram('delivery_days_histogram'),
    to_leader_days_histogram: histogram('to_leader_days_histogram'),
    to_assign_days_histogram: histogram('to_assign_days_histogram'),
    handling_days_histogram: histogram('handling_days_histogram'),
  };
}

/** The open stock at A from the sum of the changes up to A (zeros when there is none). */
export function unpackOpenStock(changes: (number | string)[] | undefined): OpenStock {
  const change = (name: typeof storedOpenChanges[number]) => Number(changes?.[openChangeAt[name]] ?? 0);
  return {
    open_total: change('open_change'), open_overdue: change('overdue_change'), open_due_soon: change('due_soon_change'),
    open_overdue_over_5: change('overdue_over_5_change'), open_overdue_over_10: change('overdue_over_10_change'),
    open_overdue_over_20: change('overdue_over_20_change'),
  };
}

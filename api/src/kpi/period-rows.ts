// One agency's figures over a period, added up here rather than by kpi_period.sql: the period is a
// dozen rows of agg_agency_daily, and ClickHouse's planning of kpi_period.sql's sums costs more than
// reading them (kpi_period_rows.sql). The sums are kpi_period.sql's, aggregate by aggregate, and give
// the same row (checked against it on an incrementally refreshed warehouse:
// test/kpi/period-rows.integration.test.ts); nothing is defined here.
import { readSql, TupleParam, type Warehouse } from '@vanban/common';
import { dayOf, monthEndOf, periodKeys } from './periods.js';
import type { PackedSums } from './packed-figures.js';

/** A packed array as ClickHouse's JSON gives it: 64-bit numbers as strings or as numbers. */
export type Packed = (number | string)[];

/** What kpi_period.sql returns per group, and what foldPeriodRows returns for one agency. */
export type PeriodRow = PackedSums & { grp: number; online_agencies: Packed; stock_months: number | string; stock_at_month_end: Packed; stock_days: Packed };

/** A row of agg_agency_daily as stored, every version of it (kpi_period_rows.sql). */
export interface StoredRow {
  grain: 'day' | 'month';
  day: string;
  /** UInt64 as a decimal string: versions are nanoseconds, beyond a double's exact integers. */
  _version: string;
  _is_deleted: number;
  counts: Packed;
  histogram_keys: Packed;
  histogram_counts: Packed;
  online_agencies: Packed;
  open_stock: Packed;
  open_changes: Packed;
}

const rowsSql = readSql(new URL('./kpi_period_rows.sql', import.meta.url));

/**
 * The rows of one agency's period as FINAL reads them (ReplacingMergeTree(_version, _is_deleted)):
 * of each key's versions the highest, and none when that one is a deletion. The rows are one
 * agency's, so the key is (grain, day); a run writes one version per key, so versions do not tie.
 */
export function finalRows(rows: readonly StoredRow[]): StoredRow[] {
  const latest = new Map<string, StoredRow>();
  for (const row of rows) {
    const key = `${row.grain} ${row.day}`;
    const held = latest.get(key);
    if (!held || BigInt(row._version) > BigInt(held._version)) latest.set(key, row);
  }
  return [...latest.values()].filter((row) => Number(row._is_deleted) === 0);
}

/** sumForEach: position by position, as long as the longest. */
function addPositions(arrays: readonly Packed[]): number[] {
  const sums: number[] = [];
  for (const array of arrays) array.forEach((value, i) => { sums[i] = (sums[i] ?? 0) + Number(value); });
  return sums;
}

/** sumMap: the counts added key by key, keys in ascending order, keys whose counts add up to zero dropped. */
function addHistograms(rows: readonly StoredRow[]): [number[], number[]] {
  const sums = new Map<number, number>();
  for (const row of rows) row.histogram_keys.forEach((key, i) => sums.set(Number(key), (sums.get(Number(key)) ?? 0) + Number(row.histogram_counts[i])));
  const keys = [...sums.keys()].filter((key) => sums.get(key) !== 0).sort((a, b) => a - b);
  return [keys, keys.map((key) => sums.get(key)!)];
}

/**
 * kpi_period.sql's row for group `grp` from the rows it would read (already as FINAL reads them),
 * or none when there are none, as its GROUP BY gives none.
 */
export function foldPeriodRows(rows: readonly StoredRow[], grp: number, asOf: string): PeriodRow | undefined {
  if (rows.length === 0) return undefined;
  const asOfDay = dayOf(asOf);
  const asOfMonthStart = asOfDay - Number(asOf.slice(8)) + 1;
  // The month rows that end by A (the stock at A starts from the last of them), and A's days up to A.
  const endedMonths = rows.filter((row) => row.grain === 'month' && monthEndOf(row.day) <= asOfDay);
  const lastEnded = endedMonths.reduce<StoredRow | undefined>((last, row) => (!last || row.day > last.day ? row : last), undefined);
  const asOfDays = rows.filter((row) => row.grain === 'day' && dayOf(row.day) >= asOfMonthStart && dayOf(row.day) <= asOfDay);
  return {
    grp,
    counts: addPositions(rows.map((row) => row.counts)),
    histograms: addHistograms(rows),
    online_agencies: [...new Set(rows.flatMap((row) => row.online_agencies.map(Number)))],
    stock_months: endedMonths.length,
    stock_at_month_end: lastEnded?.open_stock ?? [],
    stock_days: addPositions(asOfDays.map((row) => row.open_changes)),
  };
}

/** periodKeys as the warehouse takes them: a list of (grain, day) tuples. */
export function periodKeysParam(from: string, to: string): TupleParam[] {
  return periodKeys(from, to).map((key) => new TupleParam(key));
}

/**
 * kpi_period.sql's rows for one agency of agg_agency_daily, read as stored and added up here: none,
 * or one for its group `grp`.
 */
export async function readAgencyPeriod(
  client: Warehouse, agency: number, grp: number, period: { from: string; to: string; asOf: string }, queryId?: string,
): Promise<PeriodRow[]> {
  const rows = await (await client.query({
    query: rowsSql,
    query_params: { agency, keys: periodKeysParam(period.from, period.to) },
    format: 'JSONEachRow',
    // Versions are compared exactly (finalRows): every 64-bit integer comes back as a string.
    clickhouse_settings: { output_format_json_quote_64bit_integers: 1 },
    ...(queryId ? { query_id: `${queryId}-period` } : {}),
  })).json<StoredRow>();
  const folded = foldPeriodRows(finalRows(rows), grp, period.asOf);
  return folded ? [folded] : [];
}

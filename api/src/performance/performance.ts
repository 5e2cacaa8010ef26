// Units and people ranked by how they handle what they lead (kpi.md, Where documents wait: per unit
// and per person) over a period: completions on time and late, and what they hold overdue at A.
// Read at request time from fct_incoming_assignment; people's names are person-level data (the route
// asks documents:read and audits each read).
import { readSql, type Warehouse } from '@vanban/common';
import { dataAsOf, resolveScope, type KpiSummary, type Scope } from '../kpi/kpi-summary.js';
import { asOfDate } from '../kpi/periods.js';
import { rate } from '../kpi/quantiles.js';

export type PerformanceLevel = 'unit' | 'person';

export interface PerformanceQuery {
  agency: string;
  from: string;
  to: string;
  scope: Scope;
  /** Rows with fewer completions in P are listed after the ranked ones, without a rank. */
  min_completed: number;
  limit: number;
}

export interface PerformanceRow {
  rank: number | null;
  agency: { code: string; name: string };
  unit: { id: number; name: string | null };
  person?: { id: number; name: string | null; position: string | null };
  assignments_completed: number;
  assignments_on_time: number;
  assignments_late: number;
  assignment_on_time_rate: number | null;
  assignments_open_overdue: number;
  /** Working days from assignment to completion of the lead assignments completed in P. */
  assignment_days: { median: number | null; p90: number | null };
}

export interface Performance {
  agency: KpiSummary['agency'];
  scope: Scope;
  level: PerformanceLevel;
  period: { from: string; to: string; as_of: string };
  data_as_of: string | null;
  /** Every unit or person with a completion in P or an overdue assignment at A; `rows` the first `limit`. */
  total: number;
  rows: PerformanceRow[];
}

type Row = {
  agency_code: string; agency_name: string; unit_id: number; unit_name: string; staff_id: number; staff_name: string; staff_position: string;
  assignments_completed: number; assignments_on_time: number; assignments_late: number; assignments_open_overdue: number;
  assignment_days_median: number | null; assignment_days_p90: number | null;
};

const performanceSql = readSql(new URL('./performance.sql', import.meta.url));

/**
 * Ranked worst first: the lowest on-time rate among those with at least `min_completed`
 * completions, more overdue first on a tie; then the rest, most overdue first.
 */
export async function performance(client: Warehouse, level: PerformanceLevel, query: PerformanceQuery, today: string): Promise<Performance> {
  const agency = await resolveScope(client, query.agency, query.scope, today);
  const asOf = asOfDate(query.to, today);
  const result = await client.query({
    query: performanceSql,
    query_params: { agencies: agency.scope_agency_ids, from: query.from, to: query.to, as_of: asOf, by_person: level === 'person' },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const rows = (await result.json<Row>()).map((row): Omit<PerformanceRow, 'rank'> => ({
    agency: { code: row.agency_code, name: row.agency_name },
    unit: { id: Number(row.unit_id), name: row.unit_name || null },
    ...(level === 'person' ? { person: { id: Number(row.staff_id), name: row.staff_name || null, position: row.staff_position || null } } : {}),
    assignments_completed: Number(row.assignments_completed),
    assignments_on_time: Number(row.assignments_on_time),
    assignments_late: Number(row.assignments_late),
    assignment_on_time_rate: rate(Number(row.assignments_on_time), Number(row.assignments_on_time) + Number(row.assignments_late)),
    assignments_open_overdue: Number(row.assignments_open_overdue),
    assignment_days: {
      median: row.assignment_days_median === null ? null : Number(row.assignment_days_median),
      p90: row.assignment_days_p90 === null ? null : Number(row.assignment_days_p90),
    },
  }));
  const rankable = (row: Omit<PerformanceRow, 'rank'>) => row.assignments_completed >= query.min_completed && row.assignment_on_time_rate !== null;
  const byName = (a: Omit<PerformanceRow, 'rank'>, b: Omit<PerformanceRow, 'rank'>) =>
    `${a.agency.code} ${a.unit.name ?? ''} ${a.person?.name ?? ''}`.localeCompare(`${b.agency.code} ${b.unit.name ?? ''} ${b.person?.name ?? ''}`, 'vi');
  const ranked = rows.filter(rankable).sort((a, b) => a.assignment_on_time_rate! - b.assignment_on_time_rate! || b.assignments_open_overdue - a.assignments_open_overdue || byName(a, b));
  const rest = rows.filter((row) => !rankable(row)).sort((a, b) => b.assignments_open_overdue - a.assignments_open_overdue || byName(a, b));
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    level,
    period: { from: query.from, to: query.to, as_of: asOf },
    data_as_of: await dataAsOf(client),
    total: rows.length,
    rows: [...ranked.map((row, i) => ({ rank: i + 1, ...row })), ...rest.map((row) => ({ rank: null, ...row }))].slice(0, query.limit),
  };
}

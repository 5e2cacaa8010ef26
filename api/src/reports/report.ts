// A periodic report of shared/spec/reports.md as data: for a period (statutory or calendar) and a
// scope (an agency's subtree, or one level of it: every commune of the city, say), every agency of
// each kind below the scope with the KPI figures of kpi.md (the breakdown's grouped query, so the
// same figures as the API), a subtotal per kind, the scope's total, the change against the previous
// period of the same length (the quarter before a quarter…), and the agencies that missed the Plan
// 222 target.
// The Excel and PDF renderings read only this.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { kindSummary, kpiBreakdown, type BreakdownRow } from '../kpi/breakdown.js';
import { kpiSummary, type KpiSummary, type View } from '../kpi/kpi-summary.js';
import { rate } from '../kpi/quantiles.js';
import { calendarPeriod, checkDate, plannedFigures, previousPeriod, statutoryPeriod, warehouseDates, type DateRange, type PlannedFigure, type ReportPeriodKind } from '../kpi/periods.js';
import { BadRequestError } from '../request-errors.js';

export interface ReportRequest {
  period: ReportPeriodKind;
  /** Calendar months instead of the statutory cut-off on the 14th. */
  calendar: boolean;
  /** Any date inside the period wanted. */
  at: string;
  scope: string;
  /** One level below the scope instead of all of them; its total is then that level's. */
  kind?: ReportKind | null;
  view: View;
}

/** Counts add up across agencies; rates are recomputed from the summed counts. */
export interface Subtotal {
  received: number; returned: number; completed: number; completed_on_time: number; completed_late: number;
  open_on_time: number; open_due_soon: number; open_overdue: number; online: number; issued: number; work_files: number;
  on_time_rate: number | null; online_rate: number | null;
}

export type ReportKind = 'department' | 'district' | 'commune' | 'other';
export const reportKinds: readonly ReportKind[] = ['department', 'district', 'commune', 'other'];

/**
 * The groups of a report, in order: the scope's own register (the city's own row: the City
 * People's Committee with its units), each level, and the agencies dissolved or merged that no level
 * row takes (so that nothing is lost).
 */
export type ReportGroupKind = 'own' | ReportKind | 'rest';
const groupOrder: readonly ReportGroupKind[] = ['own', 'department', 'district', 'commune', 'other', 'rest'];

export interface ReportGroup { kind: ReportGroupKind; rows: BreakdownRow[]; subtotal: Subtotal }

export interface Report {
  request: ReportRequest;
  period: DateRange;
  /**
   * Tạm tính: the data do not yet reach past the period's last day (it has not ended, or the data
   * lag behind its cut-off), so its figures may still change. Stamped in the title and header.
   */
  provisional: boolean;
  /** The day the report was made: its date line (Decree 30: the date of issue). */
  issuedOn: string;
  previous: DateRange;
  total: KpiSummary;
  previousTotal: KpiSummary;
  /**
   * The same rows in the previous period, by row (`rowKey`): the change per agency. A row the previous
   * period does not have (an agency formed since) has none.
   */
  previousRows: Map<string, BreakdownRow>;
  /** The level groups (kpi.md, Grouped views): their subtotals add up to `total` for every count. */
  groups: ReportGroup[];
  /** For every Plan 222 target (kpi.md, All targets), the rows that missed it (the same rows as the groups). */
  missed: { figure: PlannedFigure; rows: BreakdownRow[] }[];
}

/** A row across periods: its role and its agency (the remainder row has no agency of its own). */
export const rowKey = (row: BreakdownRow) => `${row.row}:${row.agency.code}`;

export function subtotal(rows: BreakdownRow[]): Subtotal {
  const sum = (pick: (row: BreakdownRow) => number) => rows.reduce((n, row) => n + pick(row), 0);
  const received = sum((r) => r.kpis.incoming.received);
  const onTime = sum((r) => r.kpis.incoming.completed_on_time);
  const late = sum((r) => r.kpis.incoming.completed_late);
  // online is not in the figures as a count: online_rate × received gives it back exactly (integers).
  const online = sum((r) => Math.round((r.kpis.incoming.online_rate ?? 0) * r.kpis.incoming.received));
  return {
    received, returned: sum((r) => r.kpis.incoming.returned), completed: sum((r) => r.kpis.incoming.completed), completed_on_time: onTime, completed_late: late,
    open_on_time: sum((r) => r.kpis.incoming.open_on_time), open_due_soon: sum((r) => r.kpis.incoming.open_due_soon), open_overdue: sum((r) => r.kpis.incoming.open_overdue), online,
    issued: sum((r) => r.kpis.outgoing.issued), work_files: sum((r) => r.kpis.work_files.opened),
    on_time_rate: rate(onTime, onTime + late), online_rate: rate(online, received),
  };
}

/** Whether a report of a period ending `periodTo`, computed from data as of `dataAsOf`, is provisional (tạm tính). */
export const isProvisional = (periodTo: string, dataAsOf: string | null): boolean => dataAsOf === null || dataAsOf.slice(0, 10) <= periodTo;

/**
 * The period a report covers and the one it is compared with; a BadRequestError unless `at` and
 * both periods lie inside the dates the warehouse holds, and, when given, the period has begun by
 * `today` and does not end before `firstData` (the warehouse's first day with data). Checked before
 * a report is queued, so nothing impossible is ever computed or archived.
 */
export function reportPeriods(request: Pick<ReportRequest, 'period' | 'calendar' | 'at'>, today?: string, firstData?: string | null): { period: DateRange; previous: DateRange } {
  const at = checkDate('at', request.at);
  const period = request.calendar ? calendarPeriod(request.period, at) : statutoryPeriod(request.period, at);
  const previous = previousPeriod(period);
  if (previous.from < warehouseDates.from || period.to > warehouseDates.to) {
    throw new BadRequestError(`A report for ${at} would reach outside the dates the warehouse holds (${warehouseDates.from} to ${warehouseDates.to}): it compares ${period.from} – ${period.to} with ${previous.from} – ${previous.to}`);
  }
  if (today !== undefined && period.from > today) {
    throw new BadRequestError(`The period ${period.from} – ${period.to} starts after today (${today}): there is nothing to report yet`, 'period_not_started');
  }
  if (firstData && period.to < firstData) {
    throw new BadRequestError(`The period ${period.from} – ${period.to} ends before the warehouse's first data (${firstData}): there is nothing to report`, 'period_before_data');
  }
  return { period, previous };
}

const firstDataSql = readSql(new URL('./first_data_day.sql', import.meta.url));

/** The warehouse's first day with data, or null while it holds none. */
export async function firstDataDay(client: Warehouse): Promise<string | null> {
  const [row] = await queryRows<{ first: string | null }>(client, firstDataSql);
  return row?.first ?? null;
}

export async function buildReport(client: Warehouse, request: ReportRequest, today: string, progress?: (line: string) => void): Promise<Report> {
  const { period, previous } = reportPeriods(request);
  const base = { agency: request.scope, view: request.view };
  const level = request.kind ?? null;
  progress?.(`report: ${period.from} → ${period.to} for ${request.scope}${level ? ` (every ${level})` : ''}, ${request.view}`);
  const totalOf = (range: DateRange) => (level
    ? kindSummary(client, { ...base, ...range, kind: level }, today)
    : kpiSummary(client, { ...base, ...range, scope: 'subtree' }, today));
  const [total, previousTotal] = await Promise.all([totalOf(period), totalOf(previous)]);
  // One grouped query for every row: the level rows of kpi.md (never a district with its communes),
  // the scope's own register and the remainder, which add up to `total`.
  const rowSet = { rank_by: 'on_time_rate' as const, min_volume: 30, ...(level ? { kind: level } : { rows: 'levels' as const }) };
  const [breakdown, previousBreakdown] = await Promise.all([
    kpiBreakdown(client, { ...base, ...period, ...rowSet }, today),
    kpiBreakdown(client, { ...base, ...previous, ...rowSet }, today),
  ]);
  const previousRows = new Map(previousBreakdown.children.map((row) => [rowKey(row), row]));
  const groupOf = (row: BreakdownRow): ReportGroupKind => (row.row === 'own' || row.row === 'rest' ? row.row : (row.agency.kind as ReportKind));
  const groups: ReportGroup[] = [];
  for (const kind of groupOrder) {
    const rows = breakdown.children.filter((row) => groupOf(row) === kind);
    if (rows.length > 0) groups.push({ kind, rows, subtotal: subtotal(rows) });
  }
  progress?.(`report: ${breakdown.children.length} rows in ${groups.length} groups`);
  const rows = groups.flatMap((group) => group.rows);
  const missed = plannedFigures.map((figure) => ({
    figure, rows: rows.filter((row) => row.kpis.targets.find((t) => t.figure === figure)?.met === false),
  }));
  return { request, period, provisional: isProvisional(period.to, total.data_as_of), issuedOn: today, previous, total, previousTotal, previousRows, groups, missed };
}

// The KPI summary of ioc-api.md: resolves the agency's scope, runs kpi_period.sql and kpi_stock.sql
// once each (kpi_period.sql alone when it can carry the stock: stockFromPeriod; for one agency, its
// rows read and added up by period-rows.ts instead), counts the adoption group from the structure
// and shapes the row into the contract. This is the one place where every figure of kpi.md is
// assembled.
import { readSql, type Warehouse } from '@vanban/common';
import { asOfDate, dayOf, hanoiTime, localToday, monthEndOf, onlineRateTarget, plannedFigures, planTarget, wholeMonthsOf, type AgencyKind, type PlannedFigure } from './periods.js';
import { nearestRank, rate, type Histogram } from './quantiles.js';
import { countedAgencies, figuresTable, isEndedOn, type FiguresTable, loadAgencyStructure, structureOn, subtreeIds, type AgencyStructure } from './structure.js';
import { currentBuild, type CurrentBuild } from './current-build.js';
import { openStockFigures, unpackOpenStock, unpackPeriod, type OpenStock } from './packed-figures.js';
import { workingDaysIn } from './working-days.js';
import { planOverPeriod, targetKindOf, wholeScope, type MemberSpan } from './grouped.js';
import { periodKeysParam, readAgencyPeriod, type Packed, type PeriodRow } from './period-rows.js';

export type Scope = 'self' | 'subtree';
export type View = 'as_was' | 'as_is';

export interface KpiQuery {
  agency: string;
  from: string;
  to: string;
  scope: Scope;
  view: View;
}

export interface KpiSummary {
  agency: { code: string; name: string; kind: AgencyKind; ended: boolean };
  scope: Scope;
  view: View;
  period: { from: string; to: string; as_of: string };
  data_as_of: string | null;
  /** The working days in P (kpi.md, Comparisons): counts per working day divide by it. */
  working_days: number;
  incoming: {
    received: number; returned: number; completed: number;
    completed_on_time: number; completed_late: number; completed_no_deadline: number;
    open_on_time: number; open_overdue: number;
    /** kpi.md, Status at the as-of date: open on time and due within 3 working days (part of open_on_time). */
    open_due_soon: number;
    /** open_overdue split by working days overdue, wd(A) − wd(d) (a weekend day just after d, 0, in `1_5`). */
    open_overdue_by_age: OverdueByAge;
    on_time_rate: number | null; cohort_completion_rate: number | null;
    online_rate: number | null; interconnected_rate: number | null;
    processing_days: { mean: number | null; median: number | null; p90: number | null };
    /** kpi.md, Deadline extensions: completed in P with at least one extension, and one after expiry. */
    extended: number; extended_after_expiry: number;
    /** on_time_rate against each document's original deadline d0 (before any extension). */
    on_time_rate_original: number | null;
    /** kpi.md, Where documents wait: working days of each step, over the documents completed in P. */
    stages: Record<StageName, { median: number | null; p90: number | null }>;
    /** Among those received in P: submitted to the leader by the next working day (the same day when urgent). */
    timely_transfer_rate: number | null;
  };
  outgoing: {
    issued: number; digitally_signed_rate: number | null; electronic_dispatch_rate: number | null;
    drafting_days: { median: number | null; p90: number | null };
  };
  work_files: { opened: number; electronic_rate: number | null };
  adoption: { agencies: number; active: number; adoption_rate: number | null };
  target: { online_rate: number | null; met: boolean | null };
  /** Every target of Plan 222/KH-UBND (kpi.md, All targets): the figure's value, its target, met. */
  targets: { figure: PlannedFigure; value: number | null; target: number | null; met: boolean | null }[];
}

export const stageNames = ['delivery_days', 'to_leader_days', 'to_assign_days', 'handling_days'] as const;
export type StageName = typeof stageNames[number];

export interface OverdueByAge { '1_5': number; '6_10': number; '11_20': number; over_20: number }

export class UnknownAgencyError extends Error {
  constructor(readonly code: string) {
    super(`No agency has the code "${code}". Codes look like 000.00.00.H26 (the City People's Committee).`);
  }
}

export interface ScopeRow {
  agency_id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  is_ended: boolean;
  scope_agency_ids: number[];
}

export interface SummaryRow {
  received: number; returned: number; online: number; interconnected: number;
  completed: number; completed_on_time: number; completed_late: number; completed_no_deadline: number;
  processing_days_sum: number; processing_days_histogram: Histogram;
  open_total: number; open_overdue: number; cohort_completed: number;
  open_due_soon: number; open_overdue_over_5: number; open_overdue_over_10: number; open_overdue_over_20: number;
  issued: number; digitally_signed: number; drafting_days_histogram: Histogram;
  dispatches: number; electronic_dispatches: number;
  opened: number; electronic_work_files: number;
  extended: number; extended_after_expiry: number; completed_on_time_original: number; completed_late_original: number;
  timely_transfers: number;
  delivery_days_histogram: Histogram; to_leader_days_histogram: Histogram; to_assign_days_histogram: Histogram; handling_days_histogram: Histogram;
  agencies: number; active_agencies: number;
}

/** The histograms of a summary row (added value by value; every other figure is a count). */
const histogramFigures = [
  'processing_days_histogram', 'drafting_days_histogram',
  'delivery_days_histogram', 'to_leader_days_histogram', 'to_assign_days_histogram', 'handling_days_histogram',
] as const;
type HistogramFigure = typeof histogramFigures[number];

const periodSql = readSql(new URL('./kpi_period.sql', import.meta.url));
const stockSql = readSql(new URL('./kpi_stock.sql', import.meta.url));

// 64-bit sums come back as JSON numbers rather than quoted strings; every count here is far below 2^53.
const numericSettings = { output_format_json_quote_64bit_integers: 0 } as const;

/**
 * The agency asked for and the agencies of its scope: itself (self), or itself and every agency
 * below it through parent_id at any depth (subtree; the city's subtree is every agency). In as_is
 * the same set is read as the current agencies documents are mapped to (groupFigures).
 * `is_ended` is judged on `today` (ended from the day after valid_to). The structure comes from
 * dim_agency, read once per build (`version`: the build's data_as_of, when the caller has it).
 */
export async function resolveScope(client: Warehouse, code: string, scope: Scope, today: string = localToday(), version?: string | null): Promise<ScopeRow> {
  return scopeOf(await loadAgencyStructure(client, version), code, scope, today);
}

/** `namedOn`: the day whose name the agency is shown with (as_was: P's last day), else its name now. */
export function scopeOf(structure: AgencyStructure, code: string, scope: Scope, today: string, namedOn?: string): ScopeRow {
  const agency = structure.byCode.get(code);
  if (!agency) throw new UnknownAgencyError(code);
  return {
    agency_id: agency.id,
    code: agency.code,
    name: namedOn ? structureOn(structure, namedOn).byId.get(agency.id)!.name : agency.name,
    kind: agency.kind,
    is_ended: isEndedOn(agency, today),
    scope_agency_ids: scope === 'subtree' ? subtreeIds(structure, agency.id) : [agency.id],
  };
}

/** The figures of kpi.md, without the envelope (agency, scope, view, period, data_as_of). */
export type KpiFigures = Pick<KpiSummary, 'incoming' | 'outgoing' | 'work_files' | 'adoption' | 'target' | 'targets'>;

/**
 * `today` is the business date: in as_is, documents count for the agency their chain of successions
 * in effect on `today` leads to (a succession entered in advance does not apply before its date).
 */
export interface FiguresQuery { from: string; to: string; view: View; asOf: string; today: string }

/** What a grouped read may be given: the build's structure, and the as_was spans. */
export interface GroupReadOptions {
  queryId?: string;
  structure?: AgencyStructure;
  /** as_was: agencies that count in `group` from `from` to `to` only (moved within P; grouped.ts planOverPeriod). */
  spans?: (MemberSpan & { group: number })[];
  /** Only the open stock at A (kpi_stock.sql, a scan of one narrow column); the figures over P stay zero. */
  stockOnly?: boolean;
}

export type GroupRow = SummaryRow & { grp: number };

/**
 * Runs kpi_period.sql (or, for one agency, period-rows.ts) and kpi_stock.sql for disjoint groups of agencies: `groups[i]` is the group of `agencies[i]`
 * (in as_is, agencies as they stand on query.today: each group reads the documents of every agency
 * whose successions lead to one of its members, structure.ts countedAgencies), and in as_was each
 * span's agency counts in its group on the span's days (movedFigures). Returns one row per group,
 * in group order; a group whose agencies have no document gets zeros.
 */
export async function groupFigures(client: Warehouse, agencies: number[], groups: number[], query: FiguresQuery, options: GroupReadOptions = {}): Promise<GroupRow[]> {
  if (!query.today) throw new Error('groupFigures needs query.today (the business date) to apply successions');
  const spans = options.spans ?? [];
  if (query.view === 'as_is' && spans.length > 0) throw new Error('spans belong to as_was: as_is reads the structure as it stands');
  const structure = options.structure ?? await loadAgencyStructure(client);
  const read = countedAgencies(structure, agencies, groups, query.view, query.today);
  // A group none of whose agencies reads anything still gets its row of zeros.
  const reading = new Set(read.groups);
  const missing = [...new Set([...groups, ...spans.map((span) => span.group)])].filter((group) => !reading.has(group));
  const rows = await runSummary(client, structure, {
    agencies: [...read.agencies, ...missing.map(() => 0)],
    counted: [...read.counted, ...missing.map(() => 0)],
    groups: [...read.groups, ...missing],
  }, query, options.queryId, options.stockOnly);
  return spans.length === 0 ? rows : addMoved(rows, await movedFigures(client, structure, spans, query, options.stockOnly));
}

type StockRow = { grp: number; open_changes: Packed };

/**
 * Whether the period's read (kpi_period.sql, or period-rows.ts for one agency) can carry the open
 * stock at A as well, saving kpi_stock.sql's read: when it reads one agency (one agency's summary,
 * or the city's row of agg_city_daily; for several, the last month rows before A would differ), a
 * calendar month of P ends by A (the stock starts from the last month row that does; the read tells
 * whether it found one, and kpi_stock.sql is read if not), and the days of A's month up to A are
 * among the rows read: A is its month's last day, or P ends within A's month (read by days). A
 * period running past A's month (this year, while it lasts) reads the stock on its own: reading A's
 * month by days instead cost every period query about 1 ms of planning.
 */
function stockFromPeriod(table: FiguresTable, period: { from: string; to: string; asOf: string }): boolean {
  if (table.agencies.length !== 1) return false;
  // P's first calendar month: the one it starts with when it starts on a 1st, else the next.
  const firstMonthEnd = monthEndOf(wholeMonthsOf(period.from, period.to).months_from);
  const asOfMonthEnd = monthEndOf(period.asOf);
  const asOf = dayOf(period.asOf);
  const to = dayOf(period.to);
  return firstMonthEnd <= to && firstMonthEnd <= asOf && (asOf === asOfMonthEnd || to < asOfMonthEnd);
}

/** The open stock at A from the period's row: at the end of the last month before, plus A's days. */
const stockOfPeriodRow = (row: PeriodRow): StockRow => ({
  grp: row.grp,
  open_changes: row.stock_at_month_end.map((stock, i) => Number(stock) + Number(row.stock_days[i] ?? 0)),
});

/**
 * One row per group of `members.groups`, in group order: the figures of P and the stock at A from
 * the warehouse, and the adoption group from the structure: the agencies (as they count) that
 * existed on at least one day of P, of which active are those with a document handled on the
 * system in P.
 */
async function runSummary(
  client: Warehouse, structure: AgencyStructure, members: { agencies: number[]; counted: number[]; groups: number[] },
  period: { from: string; to: string; asOf: string }, queryId?: string, stockOnly = false,
): Promise<GroupRow[]> {
  const table = figuresTable(structure, members.agencies, members.groups);
  const run = async <T>(query: string, part: string, params: Record<string, unknown>) => (await client.query({
    query, query_params: { ...table, ...params }, format: 'JSONEachRow', clickhouse_settings: numericSettings,
    ...(queryId ? { query_id: `${queryId}-${part}` } : {}),
  })).json<T>();
  // One agency's period is a dozen rows, added up faster here than planned by ClickHouse (period-rows.ts).
  // Not the city's: its rows list every active agency and a thousand histogram keys each, and reading
  // them out cost more than the planning saved (measured at scale 1: 13.5 against 11.2 ms at p50).
  const readPeriod = () => (table.agencies.length === 1 && table.daily === 'agg_agency_daily'
    ? readAgencyPeriod(client, table.agencies[0]!, table.groups[0]!, period, queryId)
    : run<PeriodRow>(periodSql, 'period', { keys: periodKeysParam(period.from, period.to), as_of: period.asOf }));
  const readStock = () => run<StockRow>(stockSql, 'stock', { as_of: period.asOf });
  let periodRows: PeriodRow[] = [];
  let stockRows: StockRow[];
  if (stockOnly) stockRows = await readStock();
  else if (stockFromPeriod(table, period)) {
    periodRows = await readPeriod();
    const [row] = periodRows;
    stockRows = row && Number(row.stock_months) > 0 ? [stockOfPeriodRow(row)] : await readStock();
  } else [periodRows, stockRows] = await Promise.all([readPeriod(), readStock()]);
  const countsFor = new Map(members.agencies.map((id, i) => [id, members.counted[i]!]));
  const figures = new Map(periodRows.map((row) => [Number(row.grp), row]));
  const stocks = new Map(stockRows.map((row) => [Number(row.grp), row]));
  const adoption = new Map<number, Set<number>>();
  members.agencies.forEach((id, i) => {
    const agency = structure.byId.get(id);
    if (!agency || agency.validFrom > period.to || (agency.validTo !== null && agency.validTo < period.from)) return;
    const group = members.groups[i]!;
    adoption.set(group, (adoption.get(group) ?? new Set()).add(members.counted[i]!));
  });
  return [...new Set(members.groups)].sort((a, b) => a - b).map((grp) => {
    const row = figures.get(grp);
    const stock = stocks.get(grp);
    const adopted = adoption.get(grp) ?? new Set<number>();
    const online = new Set((row?.online_agencies ?? []).map((id) => countsFor.get(Number(id))));
    const zero = zeroRow();
    return {
      ...zero, grp,
      ...(row ? unpackPeriod(row, period.asOf) : {}),
      ...unpackOpenStock(stock?.open_changes),
      agencies: adopted.size, active_agencies: [...adopted].filter((id) => online.has(id)).length,
    };
  });
}

/** The figures at A of a summary row, or zeros (a group without any open document, or a piece of P not holding A). */
const stockOf = (row: SummaryRow | undefined): OpenStock =>
  Object.fromEntries(openStockFigures.map((figure) => [figure, Number(row?.[figure] ?? 0)])) as OpenStock;

/** What agencies moved within P add to their groups: figures, and each agency once for adoption. */
interface MovedFigures { rows: GroupRow[]; members: Map<number, { group: number; active: boolean }> }

/**
 * The figures of the agencies that moved within P (as_was: they count, piece by piece, in the row
 * they were in). The summary is run once per piece of P, each moved agency a group of its own, over
 * the piece's days; so the ordinary query keeps its cost when nothing moved. Each piece's events
 * go to the agency's group of that piece; the open stock only from the piece holding A (possibly
 * before P, when today is); for adoption, an agency is a member once, of the group of the last piece
 * in which it existed, and active when it handled a document on the system on any of its pieces.
 */
async function movedFigures(client: Warehouse, structure: AgencyStructure, spans: (MemberSpan & { group: number })[], query: FiguresQuery, stockOnly = false): Promise<MovedFigures> {
  const pieces = new Map<string, (MemberSpan & { group: number })[]>();
  for (const span of spans) pieces.set(`${span.from} ${span.to}`, [...(pieces.get(`${span.from} ${span.to}`) ?? []), span]);
  const moved: MovedFigures = { rows: [], members: new Map() };
  const memberOf = new Map<number, number>();
  const online = new Set<number>();
  const ordered = [...pieces.values()].sort((a, b) => a[0]!.from.localeCompare(b[0]!.from));
  for (const piece of ordered) {
    const { from, to } = piece[0]!;
    const inPeriod = from <= query.to && to >= query.from;
    const holdsAsOf = from <= query.asOf && query.asOf <= to;
    if ((!inPeriod || stockOnly) && !holdsAsOf) continue;
    const period = inPeriod
      ? { from: from > query.from ? from : query.from, to: to < query.to ? to : query.to, asOf: query.asOf }
      : { from: query.from, to: query.to, asOf: query.asOf };
    const ids = piece.map((span) => span.agency);
    const rows = await runSummary(client, structure, { agencies: ids, counted: ids, groups: ids.map((_, i) => i) }, period, undefined, stockOnly);
    for (const row of rows) {
      const span = piece[Number(row.grp)]!;
      const events = inPeriod ? row : zeroRow();
      moved.rows.push({
        ...events, grp: span.group, agencies: 0, active_agencies: 0,
        ...stockOf(holdsAsOf ? row : undefined),
      });
      if (!inPeriod) continue;
      // Pieces come in order: the last one it existed on wins. Active: a document handled on the
      // system in P while in the scope, on any piece.
      if (Number(row.agencies) > 0) memberOf.set(span.agency, span.group);
      if (Number(row.online) > 0) online.add(span.agency);
    }
  }
  for (const [id, group] of memberOf) moved.members.set(id, { group, active: online.has(id) });
  return moved;
}

function zeroRow(): SummaryRow {
  return {
    received: 0, returned: 0, online: 0, interconnected: 0, completed: 0, completed_on_time: 0, completed_late: 0,
    completed_no_deadline: 0, processing_days_sum: 0, processing_days_histogram: [], ...stockOf(undefined),
    cohort_completed: 0, issued: 0, digitally_signed: 0, drafting_days_histogram: [], dispatches: 0, electronic_dispatches: 0,
    opened: 0, electronic_work_files: 0, extended: 0, extended_after_expiry: 0, completed_on_time_original: 0, completed_late_original: 0,
    timely_transfers: 0, delivery_days_histogram: [], to_leader_days_histogram: [], to_assign_days_histogram: [], handling_days_histogram: [],
    agencies: 0, active_agencies: 0,
  };
}

/** The counts a moved agency's piece adds to its group as they are (adoption is counted per agency). */
const additiveCounts = (Object.keys(zeroRow()) as (keyof SummaryRow)[]).filter((key): key is Exclude<keyof SummaryRow, HistogramFigure | 'agencies' | 'active_agencies'> =>
  !(histogramFigures as readonly string[]).includes(key) && !['agencies', 'active_agencies'].includes(key));

/** Histograms added value by value, in value order (nearestRank walks them in order). */
function addHistograms(a: Histogram, b: Histogram): Histogram {
  const counts = new Map<number, number>();
  for (const [value, count] of [...a, ...b]) counts.set(Number(value), (counts.get(Number(value)) ?? 0) + Number(count));
  return [...counts].sort(([x], [y]) => x - y);
}

/** The groups' rows with the moved agencies' figures added (every count and histogram is additive). */
function addMoved(rows: GroupRow[], moved: MovedFigures): GroupRow[] {
  const byGroup = new Map(rows.map((row) => [Number(row.grp), { ...row }]));
  for (const extra of moved.rows) {
    const row = byGroup.get(extra.grp)!;
    for (const key of additiveCounts) row[key] = Number(row[key]) + Number(extra[key]);
    for (const histogram of histogramFigures) row[histogram] = addHistograms(row[histogram], extra[histogram]);
  }
  for (const { group, active } of moved.members.values()) {
    const row = byGroup.get(group)!;
    row.agencies = Number(row.agencies) + 1;
    if (active) row.active_agencies = Number(row.active_agencies) + 1;
  }
  return [...byGroup.values()];
}

/** Shapes a group's row (runSummary) into the figures of the contract; `kind` picks the online-rate target. */
export function shapeFigures(row: SummaryRow, kind: AgencyKind, periodTo: string): KpiFigures {
  const n = (value: number) => Number(value);
  const onlineRate = rate(n(row.online), n(row.received));
  const target = onlineRateTarget(kind, periodTo);
  const figures: Omit<KpiFigures, 'targets'> = {
    incoming: {
      received: n(row.received),
      returned: n(row.returned),
      completed: n(row.completed),
      completed_on_time: n(row.completed_on_time),
      completed_late: n(row.completed_late),
      completed_no_deadline: n(row.completed_no_deadline),
      open_on_time: n(row.open_total) - n(row.open_overdue),
      open_overdue: n(row.open_overdue),
      open_due_soon: n(row.open_due_soon),
      open_overdue_by_age: {
        '1_5': n(row.open_overdue) - n(row.open_overdue_over_5),
        '6_10': n(row.open_overdue_over_5) - n(row.open_overdue_over_10),
        '11_20': n(row.open_overdue_over_10) - n(row.open_overdue_over_20),
        over_20: n(row.open_overdue_over_20),
      },
      on_time_rate: rate(n(row.completed_on_time), n(row.completed_on_time) + n(row.completed_late)),
      cohort_completion_rate: rate(n(row.cohort_completed), n(row.received)),
      online_rate: onlineRate,
      interconnected_rate: rate(n(row.interconnected), n(row.received)),
      processing_days: {
        // Over the documents that have a duration: a date outside the working-day calendar has none.
        mean: rate(n(row.processing_days_sum), row.processing_days_histogram.reduce((total, [, documents]) => total + Number(documents), 0)),
        median: nearestRank(row.processing_days_histogram, 50),
        p90: nearestRank(row.processing_days_histogram, 90),
      },
      extended: n(row.extended),
      extended_after_expiry: n(row.extended_after_expiry),
      on_time_rate_original: rate(n(row.completed_on_time_original), n(row.completed_on_time_original) + n(row.completed_late_original)),
      stages: Object.fromEntries(stageNames.map((stage) => [stage, {
        median: nearestRank(row[`${stage}_histogram`], 50),
        p90: nearestRank(row[`${stage}_histogram`], 90),
      }])) as KpiSummary['incoming']['stages'],
      timely_transfer_rate: rate(n(row.timely_transfers), n(row.received)),
    },
    outgoing: {
      issued: n(row.issued),
      digitally_signed_rate: rate(n(row.digitally_signed), n(row.issued)),
      electronic_dispatch_rate: rate(n(row.electronic_dispatches), n(row.dispatches)),
      drafting_days: {
        median: nearestRank(row.drafting_days_histogram, 50),
        p90: nearestRank(row.drafting_days_histogram, 90),
      },
    },
    work_files: { opened: n(row.opened), electronic_rate: rate(n(row.electronic_work_files), n(row.opened)) },
    adoption: {
      agencies: n(row.agencies),
      active: n(row.active_agencies),
      adoption_rate: rate(n(row.active_agencies), n(row.agencies)),
    },
    target: { online_rate: target, met: met(onlineRate, target) },
  };
  return {
    ...figures,
    targets: plannedFigures.map((figure) => {
      const value = plannedValue[figure](figures);
      const goal = planTarget(figure, kind, periodTo);
      return { figure, value, target: goal, met: met(value, goal) };
    }),
  };
}

const met = (value: number | null, target: number | null) => (value === null || target === null ? null : value >= target);

/** Each planned figure's value in the answer, at the path its name gives. */
const plannedValue: Record<PlannedFigure, (figures: Omit<KpiFigures, 'targets'>) => number | null> = {
  'incoming.online_rate': (f) => f.incoming.online_rate,
  'work_files.electronic_rate': (f) => f.work_files.electronic_rate,
  'adoption.adoption_rate': (f) => f.adoption.adoption_rate,
  'incoming.interconnected_rate': (f) => f.incoming.interconnected_rate,
  'outgoing.electronic_dispatch_rate': (f) => f.outgoing.electronic_dispatch_rate,
};

/**
 * `build`: the build whose data_as_of tags the answer and whose structure and calendar it uses, when
 * the caller has looked it up (the read cache's RecentBuild); the figures are read as the tables stand.
 */
export async function kpiSummary(client: Warehouse, query: KpiQuery, today: string, queryId?: string, build?: CurrentBuild): Promise<KpiSummary> {
  // The build first (read here, or the one the caller looked up): the structure is the one of the
  // same build as data_as_of.
  build ??= await currentBuild(client);
  const version = build.dataAsOf;
  const structure = await loadAgencyStructure(client, version);
  const agency = scopeOf(structure, query.agency, query.scope, today, query.view === 'as_was' ? query.to : undefined);
  // An `other` unit is judged on its nearest department, district or commune's target (kpi.md, Grouped views).
  const targetKind = targetKindOf(structure, structure.byId.get(agency.agency_id)!);
  // A subtree in as_was is the one of each document's day (agencies moved within P count part of it).
  const [whole] = query.scope === 'subtree' ? planOverPeriod(structure, agency.agency_id, { ...query, today }, wholeScope) : [];
  return summarize(client, agency, whole?.members ?? agency.scope_agency_ids, query, today, targetKind, queryId,
    { structure, dataAsOf: version, buildId: build.buildId, spans: whole?.spans ?? [] });
}

/**
 * The summary of `agency` with the figures of the agencies `ids` taken together as one group;
 * `targetKind` picks the online-rate target (the agency's own, or the one level a report covers).
 */
export async function summarize(
  client: Warehouse, agency: ScopeRow, ids: number[], query: Omit<KpiQuery, 'agency'>, today: string, targetKind: AgencyKind, queryId?: string,
  read?: { structure: AgencyStructure; dataAsOf: string | null; buildId: string | null; spans?: MemberSpan[] },
): Promise<KpiSummary> {
  const asOf = asOfDate(query.to, today);
  const spans = (read?.spans ?? []).map((span) => ({ ...span, group: 0 }));
  const build = read ?? await currentBuild(client);
  const [[row], workingDays] = await Promise.all([
    groupFigures(client, ids, ids.map(() => 0), { from: query.from, to: query.to, view: query.view, asOf, today },
      { queryId, structure: read?.structure, spans }),
    workingDaysIn(client, query.from, query.to, build.buildId),
  ]);
  if (!row) throw new Error('the KPI query returned no row');
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    view: query.view,
    period: { from: query.from, to: query.to, as_of: asOf },
    data_as_of: build.dataAsOf,
    working_days: workingDays,
    ...shapeFigures(row, targetKind, query.to),
  };
}

/** The source commit time of the newest change the models include, in Asia/Ho_Chi_Minh time with its offset. */
export async function dataAsOf(client: Warehouse): Promise<string | null> {
  // The models' watermark, not the ingest's: a KPI is only as fresh as the build that computed it.
  return (await currentBuild(client)).dataAsOf;
}

// The KPI oracle: every figure of kpi.md computed on the source PostgreSQL, independently of the
// warehouse, for the tests and the benchmark to compare with.
import { readFileSync } from 'node:fs';
import type pg from 'pg';

type Queryable = pg.Client | pg.Pool;

export interface OracleQuery { agencyCode: string; from: string; to: string; scope: 'self' | 'subtree'; view: 'as_was' | 'as_is'; today: string }

export interface OracleSummary {
  /** ended: from the day after valid_to, judged on today. */
  agency: { code: string; name: string; kind: string; ended: boolean };
  scope: string;
  view: string;
  period: { from: string; to: string; as_of: string };
  working_days: number;
  incoming: {
    received: number; returned: number; completed: number; completed_on_time: number; completed_late: number;
    completed_no_deadline: number; open_on_time: number; open_overdue: number;
    open_due_soon: number; open_overdue_by_age: { '1_5': number; '6_10': number; '11_20': number; over_20: number };
    on_time_rate: number | null;
    cohort_completion_rate: number | null; online_rate: number | null; interconnected_rate: number | null;
    processing_days: { mean: number | null; median: number | null; p90: number | null };
    extended: number; extended_after_expiry: number; on_time_rate_original: number | null;
    stages: Record<'delivery_days' | 'to_leader_days' | 'to_assign_days' | 'handling_days', { median: number | null; p90: number | null }>;
    timely_transfer_rate: number | null;
  };
  outgoing: { issued: number; digitally_signed_rate: number | null; electronic_dispatch_rate: number | null; drafting_days: { median: number | null; p90: number | null } };
  work_files: { opened: number; electronic_rate: number | null };
  adoption: { agencies: number; active: number; adoption_rate: number | null };
  target: { online_rate: number | null; met: boolean | null };
  targets: { figure: string; value: number | null; target: number | null; met: boolean | null }[];
}

const sql = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

/**
 * Prepares the oracle's schema: the working-day calendar, and the record of agency versions
 * (a trigger on eoffice.agency; agencies already present start with their current row).
 */
export async function loadCalendar(client: Queryable, csvPath: string): Promise<void> {
  const rows = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1).map((line) => line.split(','));
  await client.query('create schema if not exists oracle');
  await client.query('drop table if exists oracle.vn_calendar');
  await client.query('create table oracle.vn_calendar (date date primary key, kind text not null)');
  for (const [date, kind] of rows) {
    await client.query('insert into oracle.vn_calendar values ($1, $2) on conflict (date) do update set kind = excluded.kind', [date, kind]);
  }
  await client.query(sql('calendar.sql'));
  // From here on every change of an agency is recorded with its day (agency-history.sql).
  await client.query(sql('agency-history.sql'));
}

const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function oracleKpis(client: Queryable, q: OracleQuery): Promise<OracleSummary> {
  const agency = await requestedAgency(client, q);
  const { rows } = await client.query<Record<string, string | null>>(sql('kpis.sql'), [q.agencyCode, q.from, q.to, asOfOf(q), q.scope === 'subtree', q.view === 'as_is', q.today]);
  return summary(agency, q, rows[0]!, await workingDays(client, q));
}

export interface OraclePerformanceRow {
  key: number; completed: number; on_time: number; late: number; open_overdue: number; assignment_days: { median: number | null; p90: number | null };
}

/** kpi.md per unit (or per person, `byPerson`) over the lead assignments of one agency's own documents. */
export async function oraclePerformance(client: Queryable, q: Omit<OracleQuery, 'scope' | 'view'>, byPerson: boolean): Promise<OraclePerformanceRow[]> {
  const { rows } = await client.query<Record<string, string | null>>(sql('performance.sql'), [q.agencyCode, q.from, q.to, asOfOf(q), byPerson]);
  return rows.map((row) => ({
    key: Number(row.key), completed: Number(row.completed), on_time: Number(row.on_time), late: Number(row.late), open_overdue: Number(row.open_overdue),
    assignment_days: { median: num(row.days_median), p90: num(row.days_p90) },
  }))
    .sort((a, b) => a.key - b.key);
}

/** Creates PostgreSQL's materialized aggregates (aggregates.sql), the benchmark's fair peer. */
export async function createAggregates(client: Queryable): Promise<void> {
  await client.query(sql('aggregates.sql'));
}

/** Brings the materialized aggregates up to date with the source tables. */
export async function refreshAggregates(client: Queryable): Promise<void> {
  for (const view of ['agg_daily', 'agg_monthly', 'agg_histograms']) await client.query(`refresh materialized view oracle.${view}`);
}

/**
 * The same KPIs answered from the materialized aggregates (kpis-from-aggregates.sql), in view as_was,
 * the scope walked through today's parents (the benchmark's history moves no agency).
 */
export async function aggregateKpis(client: Queryable, q: OracleQuery): Promise<OracleSummary> {
  if (q.view !== 'as_was') throw new Error('the aggregate peer answers view as_was only');
  const agency = await requestedAgency(client, q);
  const { rows: scope } = await client.query<{ id: string }>(
    `with recursive requested as (select id, kind, parent_id from eoffice.agency where code = $1),
     walked(id) as (select id from requested union select a.id from eoffice.agency a join walked w on a.parent_id = w.id where $2)
     select id from walked union select a.id from eoffice.agency a, requested r where $2 and r.kind = 'city' and r.parent_id is null`,
    [q.agencyCode, q.scope === 'subtree']);
  const { rows } = await client.query<Record<string, string | null>>(sql('kpis-from-aggregates.sql'), [scope.map((r) => r.id), q.from, q.to, asOfOf(q)]);
  return summary(agency, q, rows[0]!, await workingDays(client, q));
}

type AgencyRow = { code: string; name: string; kind: string; ended: boolean };

async function requestedAgency(client: Queryable, q: OracleQuery): Promise<AgencyRow> {
  const agency = await client.query<AgencyRow>(
    'select code, name, kind, coalesce(valid_to < $2::date, false) as ended from eoffice.agency where code = $1', [q.agencyCode, q.today]);
  if (!agency.rows[0]) throw new Error(`unknown agency ${q.agencyCode}`);
  return agency.rows[0];
}

/** The working days of P counted one by one on the oracle's own calendar (calendar.sql: wd steps up on each). */
async function workingDays(client: Queryable, q: OracleQuery): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `select count(*) as n from oracle.working_days w
     where w.date between $1::date and $2::date
       and w.wd > coalesce((select p.wd from oracle.working_days p where p.date = w.date - 1), 0)`, [q.from, q.to]);
  return Number(rows[0]!.n);
}

const asOfOf = (q: Pick<OracleQuery, 'to' | 'today'>) => (q.to < q.today ? q.to : q.today);

/** The counts of a query's one row shaped into the contract's figures (rates recomputed from counts). */
function summary(agency: AgencyRow, q: OracleQuery, row: Record<string, string | null>, workingDays: number): OracleSummary {
  const r = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, num(v)])) as Record<string, number | null>;
  const n = (key: string) => r[key] ?? 0;
  const kind = agency.kind;
  const target = q.to >= '2023-01-01' ? 1 : q.to >= '2022-10-01' ? (kind === 'district' ? 0.8 : kind === 'commune' ? 0.7 : 1) : null;
  const online = ratio(n('online'), n('received'));
  const electronicWorkFiles = ratio(n('electronic_work_files'), n('opened'));
  const adoption = ratio(n('active'), n('agencies'));
  const interconnected = ratio(n('interconnected'), n('received'));
  const electronicDispatch = ratio(n('electronic_dispatches'), n('dispatches'));
  // kpi.md, All targets: the online rate's table for online and electronic work files; 1.00 for the rest from 2022-10-01.
  const full = q.to >= '2022-10-01' ? 1 : null;
  const planned = (figure: string, value: number | null, goal: number | null) => ({ figure, value, target: goal, met: value === null || goal === null ? null : value >= goal });
  return {
    agency,
    scope: q.scope,
    view: q.view,
    period: { from: q.from, to: q.to, as_of: asOfOf(q) },
    working_days: workingDays,
    incoming: {
      received: n('received'), returned: n('returned'), completed: n('completed'),
      completed_on_time: n('completed_on_time'), completed_late: n('completed_late'), completed_no_deadline: n('completed_no_deadline'),
      open_on_time: n('open_on_time'), open_overdue: n('open_overdue'),
      open_due_soon: n('open_due_soon'),
      open_overdue_by_age: { '1_5': n('overdue_1_5'), '6_10': n('overdue_6_10'), '11_20': n('overdue_11_20'), over_20: n('overdue_over_20') },
      on_time_rate: ratio(n('completed_on_time'), n('completed_on_time') + n('completed_late')),
      cohort_completion_rate: ratio(n('cohort_completed'), n('received')),
      online_rate: online,
      interconnected_rate: interconnected,
      processing_days: { mean: r['processing_mean'] ?? null, median: r['processing_median'] ?? null, p90: r['processing_p90'] ?? null },
      extended: n('extended'), extended_after_expiry: n('extended_after_expiry'),
      on_time_rate_original: ratio(n('completed_on_time_original'), n('completed_on_time_original') + n('completed_late_original')),
      stages: {
        delivery_days: { median: r['delivery_median'] ?? null, p90: r['delivery_p90'] ?? null },
        to_leader_days: { median: r['to_leader_median'] ?? null, p90: r['to_leader_p90'] ?? null },
        to_assign_days: { median: r['to_assign_median'] ?? null, p90: r['to_assign_p90'] ?? null },
        handling_days: { median: r['handling_median'] ?? null, p90: r['handling_p90'] ?? null },
      },
      timely_transfer_rate: ratio(n('timely_transfers'), n('received')),
    },
    outgoing: {
      issued: n('issued'), digitally_signed_rate: ratio(n('digitally_signed'), n('issued')),
      electronic_dispatch_rate: electronicDispatch,
      drafting_days: { median: r['drafting_median'] ?? null, p90: r['drafting_p90'] ?? null },
    },
    work_files: { opened: n('opened'), electronic_rate: electronicWorkFiles },
    adoption: { agencies: n('agencies'), active: n('active'), adoption_rate: adoption },
    target: { online_rate: target, met: target === null || online === null ? null : online >= target },
    targets: [
      planned('incoming.online_rate', online, target),
      planned('work_files.electronic_rate', electronicWorkFiles, target),
      planned('adoption.adoption_rate', adoption, full),
      planned('incoming.interconnected_rate', interconnected, full),
      planned('outgoing.electronic_dispatch_rate', electronicDispatch, full),
    ],
  };
}

// The grouped views of kpi.md ("every document in exactly one row") over a simulated history that
// crosses every reorganisation (2025-01-01 communes abolished and renamed, 2025-03-01 departments
// merged, 2025-07-01 districts dissolved and communes merged): for the city, a department, a merged
// department, a dissolved district, one of its communes and a commune of 2025, in both views and for
// periods before, across and after each date,
//   * the breakdown's rows (own register, children, remainder) add up to /api/v1/kpis for every count,
//     and the backlog (/api/v1/kpis/backlog) has the same rows with the same open documents;
//   * the level rows (the city's own register, every department, district, commune) add up to the
//     city's total, and a district's level row never holds its communes;
//   * the report's group subtotals add up to its grand total, which equals /api/v1/kpis.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryRows } from '@vanban/common';
import { buildApp, buildReport } from '@vanban/api';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-09-30';
const simulated = await simulatedWarehouse('grouped-views', { seed: 31, scale: 0.0005, until: today });
const { warehouse } = simulated;
const app = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
});

const city = '000.00.00.H26';
const views = ['as_was', 'as_is'] as const;
/** Before, across and after 2025-01-01, 2025-03-01 and 2025-07-01, and one period over all of them. */
const periods = [
  ['2024-10-01', '2024-12-31'], ['2024-12-15', '2025-01-14'], ['2025-02-15', '2025-03-14'],
  ['2025-03-01', '2025-05-31'], ['2025-06-15', '2025-07-14'], ['2025-07-01', '2025-09-30'], ['2024-06-01', '2025-09-30'],
] as const;

interface Figures {
  incoming: Record<string, number | null | object>;
  outgoing: Record<string, number | null | object>;
  work_files: Record<string, number | null>;
  adoption: Record<string, number | null>;
}
interface Row { agency: { code: string; name: string; kind: string; ended: boolean }; row: string; rank: number | null; holds?: { code: string }[]; kpis: Figures }
interface BacklogRow { agency: Row['agency']; row: string; holds?: { code: string }[]; open_on_time: number; open_overdue: number; open_due_soon: number }

/** Every count of kpi.md's figures (rates and quantiles are recomputed, never summed). */
const counts = (f: Figures): Record<string, number> => ({
  received: f.incoming['received'] as number, returned: f.incoming['returned'] as number, completed: f.incoming['completed'] as number,
  completed_on_time: f.incoming['completed_on_time'] as number, completed_late: f.incoming['completed_late'] as number,
  completed_no_deadline: f.incoming['completed_no_deadline'] as number,
  open_on_time: f.incoming['open_on_time'] as number, open_overdue: f.incoming['open_overdue'] as number,
  issued: f.outgoing['issued'] as number, opened: f.work_files['opened'] as number,
  agencies: f.adoption['agencies'] as number, active: f.adoption['active'] as number,
});
const sum = (rows: Figures[]) => rows.map(counts).reduce((total, row) => {
  for (const [key, value] of Object.entries(row)) total[key] = (total[key] ?? 0) + value;
  return total;
}, Object.fromEntries(Object.keys(counts({ incoming: {}, outgoing: {}, work_files: {}, adoption: {} })).map((k) => [k, 0])) as Record<string, number>);

const json = async (url: string) => {
  const response = await app.inject({ method: 'GET', url });
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json();
};

const pick = async (where: string) => {
  const [row] = await queryRows<{ code: string }>(warehouse, `select code from analytics.dim_agency where ${where} order by code limit 1`);
  assert.ok(row, where);
  return row.code;
};
const agencies = {
  city,
  department: await pick("kind = 'department' and valid_to is null and valid_from <= '2022-01-01'"),
  mergedDepartment: await pick("kind = 'department' and valid_to = '2025-02-28'"),
  district: await pick("kind = 'district'"),
  oldCommune: await pick("kind = 'commune' and valid_to = '2025-06-30' and parent_id = (select agency_id from analytics.dim_agency where kind = 'district' order by code limit 1)"),
  commune2025: await pick("kind = 'commune' and valid_from = '2025-07-01'"),
};

test('children: the own register, every child and the remainder add up to /kpis (scope=subtree), for every count, agency, view and period', async () => {
  let checked = 0;
  for (const [name, code] of Object.entries(agencies)) {
    for (const view of views) {
      for (const [from, to] of periods) {
        const query = `agency=${code}&from=${from}&to=${to}&view=${view}`;
        const [breakdown, total] = await Promise.all([json(`/api/v1/kpis/breakdown?${query}`), json(`/api/v1/kpis?${query}&scope=subtree`)]);
        const rows = breakdown.children as Row[];
        assert.deepEqual(sum(rows.map((r) => r.kpis)), counts(total), `${name} ${code} ${view} ${from}…${to}: rows add up`);
        assert.ok(rows.filter((r) => r.row === 'own').length <= 1, 'one own row at most');
        assert.ok(rows.every((r) => r.row !== 'rest' || (r.agency.code === '' && (r.kpis as Figures & { target: { online_rate: number | null } }).target.online_rate === null)), 'the remainder is labelled, not an agency');
        // The backlog (the first screen's list) reads only the stock: the same rows, the same open
        // documents as the breakdown's, most overdue first; the remainder only when something is open.
        const backlog = (await json(`/api/v1/kpis/backlog?${query}`)).children as BacklogRow[];
        const open = (r: Row | BacklogRow) => 'kpis' in r
          ? { open_on_time: r.kpis.incoming['open_on_time'], open_overdue: r.kpis.incoming['open_overdue'], open_due_soon: r.kpis.incoming['open_due_soon'] }
          : { open_on_time: r.open_on_time, open_overdue: r.open_overdue, open_due_soon: r.open_due_soon };
        const expected = rows.filter((r) => r.row !== 'rest' || Number(open(r).open_on_time) + Number(open(r).open_overdue) > 0)
          .map((r) => ({ row: r.row, code: r.agency.code, holds: r.holds?.map((a) => a.code), ...open(r) }))
          .sort((a, b) => Number(b.open_overdue) - Number(a.open_overdue) || a.code.localeCompare(b.code));
        assert.deepEqual(backlog.map((r) => ({ row: r.row, code: r.agency.code, holds: r.holds?.map((a) => a.code), ...open(r) })), expected, `${name} ${code} ${view} ${from}…${to}: the backlog is the breakdown's open documents`);
        checked++;
      }
    }
  }
  assert.equal(checked, Object.keys(agencies).length * views.length * periods.length);
});

test('every agency with children, in both views, before, across and after the reorganisations: the rows add up to /kpis', { timeout: 300_000 }, async () => {
  // (An agency without children has its own register as its only row: nothing to add up.)
  const parents = await queryRows<{ code: string }>(warehouse,
    'select distinct parent.code as code from analytics.dim_agency_history as child join analytics.dim_agency as parent on parent.agency_id = child.parent_id order by code');
  assert.ok(parents.length >= 31, `${parents.length} agencies with children (the city and the 30 districts)`);
  const sweep = [['2024-12-15', '2025-01-14'], ['2025-06-15', '2025-07-14'], ['2024-06-01', '2025-09-30']] as const;
  const problems: string[] = [];
  for (const { code } of parents) {
    for (const view of views) {
      for (const [from, to] of sweep) {
        const query = `agency=${code}&from=${from}&to=${to}&view=${view}`;
        const [breakdown, total] = await Promise.all([json(`/api/v1/kpis/breakdown?${query}`), json(`/api/v1/kpis?${query}&scope=subtree`)]);
        const added = sum((breakdown.children as Row[]).map((r) => r.kpis));
        const expected = counts(total);
        for (const key of Object.keys(expected)) if (added[key] !== expected[key]) problems.push(`${code} ${view} ${from}…${to} ${key}: rows ${added[key]} ≠ ${expected[key]}`);
      }
    }
  }
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} differences`);
});

test('children of the city: the own register is a row; in as_is the 30 dissolved districts keep rows marked ended; in as_was after 2025-07-01 they are the named remainder', async () => {
  const asIs = await json(`/api/v1/kpis/breakdown?agency=${city}&from=2024-01-01&to=2024-12-31&view=as_is`);
  const own = (asIs.children as Row[]).find((r) => r.row === 'own')!;
  assert.equal(own.agency.code, city);
  assert.deepEqual(counts(own.kpis), counts(await json(`/api/v1/kpis?agency=${city}&from=2024-01-01&to=2024-12-31&view=as_is&scope=self`)), 'the own row is the city alone');
  const districts = (asIs.children as Row[]).filter((r) => r.agency.kind === 'district');
  assert.equal(districts.length, 30, 'every dissolved district has its row in as_is');
  assert.ok(districts.every((r) => r.agency.ended));
  const after = await json(`/api/v1/kpis/breakdown?agency=${city}&from=2025-07-01&to=2025-09-30`);
  const rest = (after.children as Row[]).find((r) => r.row === 'rest');
  assert.ok(rest, 'the dissolved districts still hold open documents: a remainder row');
  assert.ok(rest.holds!.filter((a) => /^000\.00\.(3\d|[4-5]\d|60)\.H26$/.test(a.code)).length >= 30, 'it names the districts');
});

test('levels: the city\'s own register, every department, district and commune add up to the city; a district\'s row never holds its communes', async () => {
  for (const view of views) {
    for (const [from, to] of periods) {
      const query = `agency=${city}&from=${from}&to=${to}&view=${view}`;
      const [levels, total] = await Promise.all([json(`/api/v1/kpis/breakdown?${query}&rows=levels`), json(`/api/v1/kpis?${query}`)]);
      const rows = levels.children as Row[];
      assert.deepEqual(sum(rows.map((r) => r.kpis)), counts(total), `${view} ${from}…${to}: the level rows add up to the city`);
      const byKind = await Promise.all(['department', 'district', 'commune'].map(async (kind) => (await json(`/api/v1/kpis/breakdown?${query}&kind=${kind}`)).children as Row[]));
      const others = rows.filter((r) => r.row === 'own' || r.row === 'rest');
      assert.deepEqual(sum([...byKind.flat(), ...others].map((r) => r.kpis)), counts(total), `${view} ${from}…${to}: rankings by kind and the city's own row add up to the city`);
      for (const rows of byKind) {
        for (const kind of new Set(rows.map((r) => r.agency.kind))) {
          const ranks = rows.filter((r) => r.agency.kind === kind && r.rank !== null).map((r) => r.rank!);
          if (ranks.length > 0) assert.equal(Math.min(...ranks), 1, `${kind}: one ranking per kind, starting at 1`);
        }
      }
    }
  }
  const district = agencies.district;
  const [levels, self] = await Promise.all([
    json(`/api/v1/kpis/breakdown?agency=${city}&from=2024-01-01&to=2024-12-31&kind=district`),
    json(`/api/v1/kpis?agency=${district}&from=2024-01-01&to=2024-12-31&scope=self`),
  ]);
  const row = (levels.children as Row[]).find((r) => r.agency.code === district)!;
  assert.deepEqual(counts(row.kpis), counts(self), 'a district\'s level row is its own register, without its communes');
});

test('reports: the group subtotals add up to the grand total, which equals /kpis, in both views and across the reorganisations', { timeout: 300_000 }, async () => {
  for (const view of views) {
    for (const at of ['2024-12-20', '2025-03-20', '2025-07-20']) {
      const report = await buildReport(warehouse, { period: 'quarterly', calendar: false, at, scope: city, view }, today);
      const total = await json(`/api/v1/kpis?agency=${city}&from=${report.period.from}&to=${report.period.to}&view=${view}`);
      assert.deepEqual(counts(report.total), counts(total), `${view} ${at}: the grand total is /kpis`);
      for (const figure of ['received', 'completed', 'completed_on_time', 'completed_late', 'open_overdue', 'issued'] as const) {
        const groups = report.groups.reduce((n, group) => n + group.subtotal[figure], 0);
        const expected = figure === 'issued' ? total.outgoing.issued : total.incoming[figure];
        assert.equal(groups, expected, `${view} ${at} ${figure}: the group subtotals add up to the grand total`);
      }
      if (view === 'as_is') assert.ok(report.groups.some((g) => g.kind === 'district'), `${at}: the as_is report keeps the dissolved districts`);
    }
  }
});

test('a commune renamed on 2025-01-01 keeps its 2024 name in the rows of 2024 (a report already filed is not rewritten) and has its new name from 2025', async () => {
  // Phường Văn Miếu (GSO 00181) became Phường Văn Miếu - Quốc Tử Giám on 2025-01-01.
  const [commune] = await queryRows<{ code: string; district: string }>(warehouse,
    `select c.code as code, d.code as district from analytics.dim_agency c join analytics.dim_agency d on d.agency_id = c.parent_id
     where c.kind = 'commune' and c.admin_unit_code = '00181' and c.valid_from < '2025-01-01'`);
  assert.ok(commune, 'the commune of 2022 is in the simulation');
  const name = async (from: string, to: string, view: 'as_was' | 'as_is') =>
    ((await json(`/api/v1/kpis/breakdown?agency=${commune.district}&from=${from}&to=${to}&view=${view}`)).children as Row[]).find((r) => r.agency.code === commune.code)?.agency.name;
  assert.equal(await name('2024-10-01', '2024-12-31', 'as_was'), 'UBND Phường Văn Miếu');
  assert.equal(await name('2025-01-01', '2025-03-31', 'as_was'), 'UBND Phường Văn Miếu - Quốc Tử Giám');
  // The levels of a 2024 report carry the 2024 name too.
  const levels = (await json(`/api/v1/kpis/breakdown?agency=${city}&from=2024-10-01&to=2024-12-31&kind=commune`)).children as Row[];
  assert.equal(levels.find((r) => r.agency.code === commune.code)?.agency.name, 'UBND Phường Văn Miếu');
  // So does its own summary; in as_is it has its name as it stands.
  assert.equal((await json(`/api/v1/kpis?agency=${commune.code}&from=2024-10-01&to=2024-12-31`)).agency.name, 'UBND Phường Văn Miếu');
  assert.equal((await json(`/api/v1/kpis?agency=${commune.code}&from=2024-10-01&to=2024-12-31&view=as_is`)).agency.name, 'UBND Phường Văn Miếu - Quốc Tử Giám');
});

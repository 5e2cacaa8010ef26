// One agency's figures over a period are added up by the API from the rows as stored
// (api/src/kpi/period-rows.ts), not by kpi_period.sql with FINAL: on a warehouse refreshed
// incrementally, with merges held off so that agg_agency_daily keeps superseded versions and
// deletions of its rows side by side, both give every agency the same row for every kind of period.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { kpiSummary } from '@vanban/api';
import { buildModels } from '@vanban/transform';
import { periodKeysParam, readAgencyPeriod, type PeriodRow } from '../../api/src/kpi/period-rows.js';
import { dateOfDay, dayOf, periodKeys, wholeMonthsOf } from '../../api/src/kpi/periods.js';
import { simulatedWarehouse } from '../support/warehouse.js';
import { rewriteRaw } from '../support/raw-changes.js';

const simulated = await simulatedWarehouse('period-rows', { seed: 17, scale: 0.0005, until: '2025-12-31' });
const { warehouse } = simulated;
after(() => simulated.remove());

const periodSql = readSql(new URL('../../api/src/kpi/kpi_period.sql', import.meta.url));

/** Periods with and without whole months, with A at a month's end, inside a month, and before P's end. */
const periods = [
  { from: '2025-01-01', to: '2025-12-31', asOf: '2025-12-31' },
  { from: '2024-12-15', to: '2025-03-14', asOf: '2025-03-14' },
  { from: '2025-06-01', to: '2025-06-30', asOf: '2025-06-30' },
  { from: '2025-05-05', to: '2025-05-20', asOf: '2025-05-20' },
  { from: '2025-10-01', to: '2025-12-31', asOf: '2025-12-10' },
  { from: '2023-01-01', to: '2025-12-31', asOf: '2025-12-31' },
  // This year while it lasts (whole months, then the days of the current one), and a head of days.
  { from: '2025-01-01', to: '2025-08-20', asOf: '2025-08-20' },
  { from: '2025-02-10', to: '2025-04-30', asOf: '2025-04-30' },
];

/** A row with every number as a number and the agencies in order, whichever way it was read. */
const comparable = (row: PeriodRow) => ({
  grp: Number(row.grp),
  counts: row.counts.map(Number),
  histograms: row.histograms.map((list) => list.map(Number)),
  online_agencies: row.online_agencies.map(Number).sort((a, b) => a - b),
  stock_months: Number(row.stock_months),
  stock_at_month_end: row.stock_at_month_end.map(Number),
  stock_days: row.stock_days.map(Number),
});

test('one agency read as stored and added up by the API equals kpi_period.sql with FINAL, superseded rows and all', async () => {
  await warehouse.command({ query: 'system stop merges analytics.agg_agency_daily' });
  // Changes that move figures between days and months, and retire some: the refresh writes new
  // versions of those rows and deletions of the ones no document counts on any more.
  await rewriteRaw(warehouse, 'incoming_document', "status in ('registered', 'assigned', 'in_progress') and cityHash64(id, 1) % 7 = 0",
    { status: "'completed'", completed_at: 'received_at + toIntervalDay(4)' });
  await rewriteRaw(warehouse, 'incoming_document', 'cityHash64(id, 2) % 9 = 0', { received_at: 'received_at - toIntervalDay(40)' });
  await rewriteRaw(warehouse, 'incoming_document', 'cityHash64(id, 3) % 11 = 0', { _is_deleted: '1', _op: "'d'" });
  await buildModels(warehouse);
  const [stored] = await queryRows<{ rows: string; final: string; deletions: string }>(warehouse,
    `select toString(count()) as rows, toString((select count() from analytics.agg_agency_daily final)) as final,
            toString(countIf(_is_deleted = 1)) as deletions
     from analytics.agg_agency_daily`);
  assert.ok(Number(stored!.rows) > Number(stored!.final), `superseded versions are stored beside the current ones (${stored!.rows} rows, ${stored!.final} as read)`);
  assert.ok(Number(stored!.deletions) > 0, 'some rows were retired by a deletion');

  // The agencies with the most superseded and retired rows, and some with none (a sample, to keep the
  // test short: 600 agencies × 6 periods took 75 s).
  const agencies = await queryRows<{ id: number }>(warehouse, `
    (select agency_id as id from analytics.agg_agency_daily group by agency_id order by count() - uniqExact(grain, day) desc, agency_id limit 30)
    union distinct
    (select agency_id as id from analytics.dim_agency order by cityHash64(agency_id) limit 10)`);
  let compared = 0;
  for (const { id } of agencies) {
    for (const period of periods) {
      const bySql = await queryRows<PeriodRow>(warehouse, periodSql, {
        daily: 'agg_agency_daily', agencies: [id], groups: [2], keys: periodKeysParam(period.from, period.to), as_of: period.asOf,
      });
      const byApi = await readAgencyPeriod(warehouse, id, 2, period);
      assert.deepEqual(byApi.map(comparable), bySql.map(comparable), `agency ${id}, ${period.from} – ${period.to}, A ${period.asOf}`);
      if (bySql.length > 0) compared++;
    }
  }
  assert.ok(compared > agencies.length, `most agencies have rows in most periods (${compared} compared)`);
});

test('the rows a period adds up, worked out in TypeScript, are those ClickHouse picked before by months and ranges', async () => {
  // kpi_period.sql's former expressions (the calendar months inside P, then a range of month rows and
  // a negated range of day rows), on 500 periods of 0 to 400 days from 2023 on (month ends, leap days
  // and Decembers among them) over every day and month row around each, seeded so that a failure can
  // be replayed.
  let state = 12_345;
  const next = (n: number) => { state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0; return (state >>> 8) % n; };
  const periods = Array.from({ length: 500 }, () => {
    const from = dayOf('2023-01-01') + next(1_200);
    return { from: dateOfDay(from), to: dateOfDay(from + next(400)) };
  });
  const byClickHouse = await queryRows<{ months_from: string; months_until: string; keys: [string, string][] }>(warehouse, `
    select toString(mf) as months_from, toString(mu) as months_until,
           arrayMap(k -> (k.1, toString(k.2)), arraySort(k -> (k.2, k.1), arrayFilter(k ->
               (k.1 = 'month' and k.2 >= mf and k.2 < mu) or (k.1 = 'day' and k.2 between f and t and not (k.2 >= mf and k.2 < mu)),
               arrayConcat(arrayMap(d -> ('day', d), around),
                           arrayMap(d -> ('month', d), arrayFilter(d -> toDayOfMonth(d) = 1, around)))))) as keys
    from (select arrayJoin(arrayZip(range(length({froms:Array(Date32)})), {froms:Array(Date32)}, {tos:Array(Date32)})) as p,
                 p.1 as i, p.2 as f, p.3 as t,
                 arrayMap(n -> f - 40 + n, range(toUInt32(dateDiff('day', f, t) + 81))) as around,
                 toDate32(if(toDayOfMonth(f) = 1, f, addMonths(toStartOfMonth(f), 1))) as mf,
                 toDate32(if(toDayOfMonth(t + 1) = 1, t + 1, toStartOfMonth(t))) as mu)
    order by i`,
  { froms: periods.map((p) => p.from), tos: periods.map((p) => p.to) });
  assert.deepEqual(periods.map((p) => wholeMonthsOf(p.from, p.to)), byClickHouse.map(({ months_from, months_until }) => ({ months_from, months_until })));
  periods.forEach((p, i) => assert.deepEqual(periodKeys(p.from, p.to), byClickHouse[i]!.keys, `${p.from} – ${p.to}`));
});

test('a summary of one agency reads its rows as stored; the city and a district are added up by kpi_period.sql', async () => {
  // The queries a summary sends, as the warehouse receives them.
  const sent: string[] = [];
  const recording = new Proxy(warehouse, {
    get(target, key, receiver) {
      if (key !== 'query') return Reflect.get(target, key, receiver);
      return (params: Parameters<Warehouse['query']>[0]) => { sent.push(params.query); return target.query(params); };
    },
  });
  const rowsSql = readSql(new URL('../../api/src/kpi/kpi_period_rows.sql', import.meta.url));
  const [commune] = await queryRows<{ code: string }>(warehouse, "select code from analytics.dim_agency where kind = 'commune' order by agency_id limit 1");
  const [district] = await queryRows<{ code: string }>(warehouse, "select code from analytics.dim_agency where kind = 'district' order by agency_id limit 1");
  const year = { from: '2025-01-01', to: '2025-12-31', view: 'as_was' as const };
  const toAugust20 = { from: '2025-01-01', to: '2025-08-20', view: 'as_was' as const };
  for (const [agency, scope, period, reads] of [
    [commune!.code, 'self', year, rowsSql], [commune!.code, 'self', toAugust20, rowsSql],
    ['000.00.00.H26', 'subtree', year, periodSql], [district!.code, 'subtree', year, periodSql],
  ] as const) {
    sent.length = 0;
    const summary = await kpiSummary(recording, { agency, scope, ...period }, '2025-12-31');
    assert.ok(summary.incoming.received > 0, `${agency}: a summary with documents`);
    assert.deepEqual(sent.filter((query) => [rowsSql, periodSql].includes(query)), [reads],
      `${agency} (${scope}, ${period.from} – ${period.to}) reads its period once, the expected way`);
  }
});

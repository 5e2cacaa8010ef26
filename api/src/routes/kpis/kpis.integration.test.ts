// GET /api/v1/kpis through Fastify (app.inject) on a real embedded warehouse.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { buildApp } from '../../app.js';
import { kpiSummary } from '../../kpi/kpi-summary.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'api-kpis-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
await migrateRaw(warehouse);
const history = [...simulate({ seed: 5, scale: 0.0005, until: '2022-12-31' })];
await ingestMessages(warehouse, debeziumMessages(history), { source: 'simulator' });
await buildModels(warehouse);
const app = await buildApp({ warehouse, today: () => '2023-01-10', logLevel: 'silent' });
after(async () => {
  await app.close();
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (query: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url: `/api/v1/kpis?${query}`, headers });

test('answers the contract of ioc-api.md with the figures of the KPI module', async () => {
  const response = await get('agency=000.00.00.H26&from=2022-10-01&to=2022-12-31');
  assert.equal(response.statusCode, 200);
  const body = response.json();
  assert.equal(body.scope, 'subtree');
  assert.equal(body.view, 'as_was');
  assert.deepEqual(body.period, { from: '2022-10-01', to: '2022-12-31', as_of: '2022-12-31' });
  assert.deepEqual(Object.keys(body.incoming).sort(), ['cohort_completion_rate', 'completed', 'completed_late', 'completed_no_deadline', 'completed_on_time',
    'extended', 'extended_after_expiry', 'interconnected_rate', 'on_time_rate', 'on_time_rate_original', 'online_rate', 'open_due_soon', 'open_on_time', 'open_overdue', 'open_overdue_by_age', 'processing_days', 'received', 'returned', 'stages', 'timely_transfer_rate']);
  // The status at A (kpi.md): due soon is part of open on time, the bands of working days overdue add up to open_overdue.
  assert.ok(body.incoming.open_due_soon <= body.incoming.open_on_time);
  assert.deepEqual(Object.keys(body.incoming.open_overdue_by_age), ['1_5', '6_10', '11_20', 'over_20']);
  assert.equal(Object.values<number>(body.incoming.open_overdue_by_age).reduce((a, b) => a + b, 0), body.incoming.open_overdue);
  // The newest source commit, to the millisecond, in Hanoi time with its offset.
  const lastCommit = Date.parse(history.at(-1)!.commitTime);
  assert.equal(body.data_as_of, `${new Date(lastCommit + 7 * 3_600_000).toISOString().slice(0, 23)}+07:00`);
  assert.equal(body.target.online_rate, 1);
  // Added fields (issue 16): October–December 2022 has 65 weekdays and no holiday; every Plan 222 target.
  assert.equal(body.working_days, 65);
  assert.deepEqual(body.targets.map((t: { figure: string }) => t.figure),
    ['incoming.online_rate', 'work_files.electronic_rate', 'adoption.adoption_rate', 'incoming.interconnected_rate', 'outgoing.electronic_dispatch_rate']);
  assert.deepEqual(body.targets[0], { figure: 'incoming.online_rate', value: body.incoming.online_rate, target: 1, met: body.target.met });
  assert.deepEqual(body.targets[3], { figure: 'incoming.interconnected_rate', value: body.incoming.interconnected_rate, target: 1, met: body.incoming.interconnected_rate >= 1 });
  const direct = await kpiSummary(warehouse, { agency: '000.00.00.H26', from: '2022-10-01', to: '2022-12-31', scope: 'subtree', view: 'as_was' }, '2023-01-10');
  assert.deepEqual(body, JSON.parse(JSON.stringify(direct)));
  assert.ok(body.incoming.received > 0);
});

test('a period without documents gives zero counts and null rates, never 0 or 1 by default', async () => {
  const body = (await get('agency=000.00.00.H26&from=2021-01-01&to=2021-01-31')).json();
  assert.equal(body.incoming.received, 0);
  assert.equal(body.incoming.on_time_rate, null);
  assert.equal(body.incoming.processing_days.median, null);
  assert.equal(body.adoption.adoption_rate, null);
  assert.equal(body.target.online_rate, null);
});

test('malformed or impossible queries answer 400, unknown agencies 404, in the error format', async () => {
  const cases: [string, number, RegExp][] = [
    ['agency=000.00.00.H26&from=2022-02-30&to=2022-03-01', 400, /not a real date/],
    ['agency=000.00.00.H26&from=2022-03-01&to=2022-02-01', 400, /"from" \(2022-03-01\) is after "to"/],
    ['agency=000.00.00.H26&from=2022-01-01&to=2022-02-01&scope=everything', 400, /scope/],
    ['agency=000.00.00.H26&from=2022-01-01&to=2022-02-01&view=today', 400, /view/],
    ['agency=000.00.00.H26&from=20220101&to=2022-02-01', 400, /from/],
    ['from=2022-01-01&to=2022-02-01', 400, /agency/],
    ['agency=000.00.00.H26&from=2022-01-01&to=2022-02-01&sql=1', 400, /sql|additional/],
    ["agency=x' or 1=1 --&from=2022-01-01&to=2022-02-01", 404, /No agency has the code/],
  ];
  for (const [query, status, message] of cases) {
    const response = await get(query);
    assert.equal(response.statusCode, status, query);
    const body = response.json();
    assert.deepEqual(Object.keys(body), ['error'], query);
    assert.match(body.error.message, message, query);
    assert.doesNotMatch(response.body, /at .*\.ts|select |SELECT /, `no stack trace or SQL for ${query}`);
  }
});

test('compare=true adds the counts per working day and the previous period and the same dates a year earlier', async () => {
  const response = await get('agency=000.00.00.H26&from=2022-11-01&to=2022-11-30&compare=true');
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  // November 2022 (22 working days) against October 2022 and November 2021, each a summary of its own.
  assert.equal(body.working_days, 22);
  assert.equal(body.per_working_day.received, body.incoming.received / 22);
  assert.deepEqual(body.comparison.previous.period, { from: '2022-10-01', to: '2022-10-31', as_of: '2022-10-31' });
  const october = await kpiSummary(warehouse, { agency: '000.00.00.H26', from: '2022-10-01', to: '2022-10-31', scope: 'subtree', view: 'as_was' }, '2023-01-10');
  const { agency: _a, scope: _s, view: _v, data_as_of: _d, ...octoberFigures } = JSON.parse(JSON.stringify(october));
  const { per_working_day: octoberPerDay, ...previous } = body.comparison.previous;
  assert.deepEqual(previous, octoberFigures);
  assert.equal(octoberPerDay.completed, october.incoming.completed / october.working_days);
  assert.deepEqual(body.comparison.last_year.period, { from: '2021-11-01', to: '2021-11-30', as_of: '2021-11-30' });
  // Without compare the answer is the fixed contract and its two added fields only.
  const plain = (await get('agency=000.00.00.H26&from=2022-11-01&to=2022-11-30')).json();
  assert.equal(plain.comparison, undefined);
  assert.equal(plain.per_working_day, undefined);
});

test('the plain and the compared answers share each period\'s summary: the portal\'s first screen asks for the plain one, its comparisons then sum up two periods only', async () => {
  const june = 'agency=000.00.00.H26&from=2022-06-01&to=2022-06-30&scope=subtree&view=as_was';
  const shared = () => app.readCache.stats.shared;
  const plain = (await get(june)).json();
  const before = shared();
  const compared = await get(`${june}&compare=true`);
  assert.equal(compared.statusCode, 200, compared.body);
  assert.equal(shared(), before + 1, 'the period\'s own summary is the plain answer\'s');
  const { comparison, per_working_day: _perDay, ...figures } = compared.json();
  assert.deepEqual(figures, plain, 'the same figures as the plain answer');
  // The previous period (May) was summed up for the comparison: its plain answer is that one.
  const may = (await get('agency=000.00.00.H26&from=2022-05-01&to=2022-05-31&scope=subtree&view=as_was')).json();
  assert.equal(shared(), before + 2);
  const { agency: _a, scope: _s, view: _v, data_as_of: _d, ...mayFigures } = may;
  const { per_working_day: _p, ...previous } = comparison.previous;
  assert.deepEqual(previous, mayFigures);
  // Another scope is another summary.
  await get('agency=000.00.00.H26&from=2022-06-01&to=2022-06-30&scope=self&view=as_was');
  assert.equal(shared(), before + 2);
});

test('working_days follows the calendar the models were last built with: a day off added by an operator file, then taken away', async () => {
  const calendarDir = mkdtempSync(path.join(tmpdir(), 'api-calendar-'));
  const november = { agency: '000.00.00.H26', from: '2022-11-01', to: '2022-11-30', scope: 'subtree', view: 'as_was' } as const;
  try {
    assert.equal((await kpiSummary(warehouse, november, '2023-01-10')).working_days, 22);
    const url = 'agency=000.00.00.H26&from=2022-11-01&to=2022-11-30&scope=subtree&view=as_was';
    const cached = await get(url);
    assert.equal(cached.json().working_days, 22);
    writeFileSync(path.join(calendarDir, '2022-extra.csv'), 'date,kind,name,source\n2022-11-15,day_off,Nghỉ thử nghiệm,test\n');
    await buildModels(warehouse, { calendarDir });
    assert.equal((await kpiSummary(warehouse, november, '2023-01-10')).working_days, 21);
    // Through the API too, once its look-up of the build (at most 0.5 s old) has seen the new one:
    // the build loaded a calendar and no new data (data_as_of as it was), yet the answer kept for
    // the old one is not served again, and a client holding it is not told it is current.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const recomputed = await get(url, { 'if-none-match': String(cached.headers['etag']) });
    assert.equal(recomputed.statusCode, 200);
    assert.equal(recomputed.json().working_days, 21);
    assert.equal(recomputed.json().data_as_of, cached.json().data_as_of, 'no new data: only the calendar moved');
  } finally {
    rmSync(calendarDir, { recursive: true, force: true });
    await buildModels(warehouse);
  }
  assert.equal((await kpiSummary(warehouse, november, '2023-01-10')).working_days, 22);
});

// Contract tests of every API endpoint on a real embedded warehouse (demo mode: aggregate reads
// open), each checked against an independent reading: the summary endpoint, the source of the
// models, or the definition in kpi.md.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { queryRows } from '@vanban/common';
import { buildApp } from '@vanban/api';
import { verifyModels } from '@vanban/transform';
import { simulatedWarehouse } from '../support/warehouse.js';
import { requireOrSkip } from '../support/ci.js';

const today = '2025-09-30';
const simulated = await simulatedWarehouse('api-endpoints', { seed: 11, scale: 0.001, until: today });
const { warehouse } = simulated;
const app = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
});

const city = '000.00.00.H26';
const get = async (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const json = async (url: string) => {
  const response = await get(url);
  assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
  return response.json();
};
// The figures alone: the envelope and working_days (the period's, not the figures') left out.
const withoutMeta = ({ agency: _a, scope: _s, view: _v, period: _p, data_as_of: _d, working_days: _w, ...figures }: Record<string, unknown>) => figures;

test('the OpenAPI document is valid OpenAPI 3.1 and lists every endpoint; the browsable UI is served', async () => {
  const document = await json('/api/docs/json');
  const validator = new Validator();
  const result = await validator.validate(document);
  assert.equal(validator.version, '3.1');
  assert.equal(result.valid, true, JSON.stringify(result.errors));
  assert.equal(document.openapi, '3.1.0');
  for (const endpoint of ['/api/demo/sign-in', '/api/v1/kpis', '/api/v1/kpis/breakdown', '/api/v1/kpis/backlog', '/api/v1/kpis/series', '/api/v1/agencies', '/api/v1/documents/open', '/api/v1/documents/workload', '/api/v1/documents/chasing-letter', '/api/v1/performance/units', '/api/v1/performance/people', '/api/v1/reports', '/api/v1/reports/{id}', '/api/v1/reports/{id}/file', '/api/v1/digest/subscription', '/api/v1/reports/schedule', '/api/v1/me', '/api/v1/freshness', '/metrics', '/api/health']) {
    assert.ok(document.paths[endpoint]?.get ?? document.paths[endpoint]?.post, `${endpoint} documented`);
  }
  const ui = await get('/api/docs');
  assert.equal(ui.statusCode, 200);
  assert.match(ui.body, /swagger-ui/i);
});

test('breakdown: each child equals its own subtree summary; ranks follow the rate and skip small volumes', async () => {
  const period = 'from=2025-01-01&to=2025-06-30';
  const body = await json(`/api/v1/kpis/breakdown?agency=${city}&${period}&rank_by=online_rate&min_volume=20`);
  // The own register and the remainder (grouped-views.integration.test.ts) are not children.
  const children = body.children.filter((c: { row: string }) => c.row === 'child');
  assert.ok(children.length > 5);
  const [first, second] = children;
  for (const child of [first, second, children.at(-1)]) {
    const summary = await json(`/api/v1/kpis?agency=${child.agency.code}&${period}&scope=subtree`);
    assert.deepEqual(child.kpis, withoutMeta(summary), child.agency.code);
    assert.equal(child.volume, summary.incoming.received);
  }
  const ranked = children.filter((c: { rank: number | null }) => c.rank !== null);
  assert.ok(ranked.length > 0);
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].value >= ranked[i].value, 'best first');
  for (const child of children) {
    if (child.volume < 20 || child.value === null) assert.equal(child.rank, null, `${child.agency.code} has too few documents to rank`);
    else assert.notEqual(child.rank, null);
  }
});

test('breakdown by kind: every commune of the city, each equal to its own summary', async () => {
  const body = await json(`/api/v1/kpis/breakdown?agency=${city}&from=2025-01-01&to=2025-06-30&kind=commune&min_volume=5`);
  const [source] = await queryRows<{ n: string }>(warehouse,
    "select toString(count()) as n from eoffice_raw.agency final where kind = 'commune' and valid_from <= '2025-06-30' and (valid_to is null or valid_to >= '2025-01-01')");
  assert.equal(body.children.length, Number(source!.n), 'every commune that existed in the period');
  assert.ok(body.children.every((c: { agency: { kind: string } }) => c.agency.kind === 'commune'));
  const sample = body.children[3];
  assert.deepEqual(sample.kpis, withoutMeta(await json(`/api/v1/kpis?agency=${sample.agency.code}&from=2025-01-01&to=2025-06-30`)));
});

test('series: weeks run Monday to Sunday, cut to the period, and each point equals the summary of its dates', async () => {
  const body = await json(`/api/v1/kpis/series?agency=${city}&from=2025-03-05&to=2025-03-31&interval=week`);
  assert.deepEqual(body.points.map((p: { from: string; to: string }) => [p.from, p.to]), [
    ['2025-03-05', '2025-03-09'], ['2025-03-10', '2025-03-16'], ['2025-03-17', '2025-03-23'], ['2025-03-24', '2025-03-30'], ['2025-03-31', '2025-03-31'],
  ]);
  const point = body.points[1];
  assert.deepEqual(point.kpis, withoutMeta(await json(`/api/v1/kpis?agency=${city}&from=${point.from}&to=${point.to}`)));
  const months = await json(`/api/v1/kpis/series?agency=${city}&from=2025-01-01&to=2025-06-30&interval=month`);
  const received = months.points.reduce((n: number, p: { kpis: { incoming: { received: number } } }) => n + p.kpis.incoming.received, 0);
  assert.equal(received, (await json(`/api/v1/kpis?agency=${city}&from=2025-01-01&to=2025-06-30`)).incoming.received, 'months add up to the half year');
  const tooLong = await get(`/api/v1/kpis/series?agency=${city}&from=2024-01-01&to=2025-06-30&interval=day`);
  assert.equal(tooLong.statusCode, 400);
  assert.match(tooLong.json().error.message, /coarser interval/);
});

test('agency tree: tree order, the structure of the day asked, succession both ways', async () => {
  const before = await json('/api/v1/agencies?date=2025-06-30');
  const afterReform = await json('/api/v1/agencies?view=as_is');
  const seen = new Set<string>();
  for (const node of before.agencies) {
    if (node.parent_code !== null) assert.ok(seen.has(node.parent_code), `${node.code} comes after its parent`);
    seen.add(node.code);
  }
  const districts = before.agencies.filter((a: { kind: string }) => a.kind === 'district');
  assert.ok(districts.length > 0, 'districts existed on 2025-06-30');
  assert.equal(afterReform.agencies.filter((a: { kind: string }) => a.kind === 'district').length, 0, 'districts were abolished on 2025-07-01');
  const [source] = await queryRows<{ n: string }>(warehouse, "select toString(count()) as n from eoffice_raw.agency final where valid_from <= '2025-06-30' and (valid_to is null or valid_to >= '2025-06-30')");
  assert.equal(before.agencies.length, Number(source!.n), 'every agency of the day, none lost by the tree walk');
  // The communes of 2025-06-30 ended with the reform; each is absorbed by a current agency and names its successor.
  const endedOnReform = before.agencies.filter((a: { kind: string; valid_to: string | null }) => a.kind === 'commune' && a.valid_to === '2025-06-30');
  assert.ok(endedOnReform.length > 0);
  for (const ended of endedOnReform.slice(0, 10)) {
    assert.ok(ended.successors.length > 0, `${ended.code} names its successor`);
    assert.ok(afterReform.agencies.some((a: { absorbed: string[] }) => a.absorbed.includes(ended.code)), `${ended.code} is absorbed by a current agency`);
  }
});

test('demo: person-level lists need the seeded sign-in, which keeps a clerk to their commune and is audited', async () => {
  const anonymous = await get(`/api/v1/documents/open?agency=${city}`);
  assert.equal(anonymous.statusCode, 401);
  const signIn = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username, password } });
  assert.equal((await signIn('vanthuxa', 'wrong')).statusCode, 401);
  const clerk = (await signIn('vanthuxa', 'demo')).json();
  assert.equal(clerk.token_type, 'Bearer');
  const [commune] = await queryRows<{ code: string }>(warehouse, "select code from analytics.dim_agency where kind = 'commune' and valid_to is null order by code limit 1");
  assert.equal(clerk.agency, commune!.code);
  const asClerk = { authorization: `Bearer ${clerk.access_token}` };
  const own = await get(`/api/v1/documents/open?agency=${clerk.agency}`, asClerk);
  assert.equal(own.statusCode, 200, own.body);
  assert.equal((await get(`/api/v1/documents/open?agency=${city}`, asClerk)).statusCode, 403);
  assert.equal((await get(`/api/v1/kpis?agency=${city}&from=2025-01-01&to=2025-01-31`, asClerk)).statusCode, 403, 'signed in, the clerk is held to their commune');
  const leader = (await signIn('lanhdao', 'demo')).json();
  const all = await get(`/api/v1/documents/open?agency=${city}&overdue=true`, { authorization: `Bearer ${leader.access_token}` });
  assert.equal(all.statusCode, 200);
  const summary = await json(`/api/v1/kpis?agency=${city}&from=2025-09-01&to=${today}`);
  assert.equal(all.json().total, summary.incoming.open_overdue, 'overdue list total = open_overdue at A');
  const forged = `${leader.access_token.slice(0, -4)}AAAA`;
  assert.equal((await get(`/api/v1/documents/open?agency=${city}`, { authorization: `Bearer ${forged}` })).statusCode, 401);
  const audit = await queryRows<{ principal_id: string }>(warehouse, "select principal_id from vanban_audit.access_log where action = 'documents.open' order by at");
  assert.deepEqual(audit.map((a) => a.principal_id), ['vanthuxa', 'lanhdao']);
  // (the workload test below reads as lanhdao too; its reads are audited under documents.workload)
});

test('workload: units\' open and overdue counts equal the open-document list, read by an independent path', async () => {
  const leader = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'lanhdao', password: 'demo' } })).json();
  const auth = { authorization: `Bearer ${leader.access_token}` };
  const documents: { agency_code: string; due_date: string | null; assignees: { role: string; unit: string | null }[] }[] = [];
  let asOf = '';
  for (let page = 1; ; page++) {
    const body = (await get(`/api/v1/documents/open?agency=${city}&page_size=200&page=${page}`, auth)).json();
    documents.push(...body.documents);
    asOf = body.as_of;
    if (documents.length >= body.total) break;
  }
  const expected = new Map<string, { open: number; overdue: number }>();
  for (const document of documents) {
    // A unit is one of an agency: the same name in two agencies is two rows (kpi.md, Grouped views).
    for (const unit of new Set(document.assignees.filter((a) => a.role === 'lead').map((a) => `${document.agency_code}/${a.unit ?? ''}`))) {
      const entry = expected.get(unit) ?? { open: 0, overdue: 0 };
      entry.open++;
      if (document.due_date !== null && document.due_date < asOf) entry.overdue++;
      expected.set(unit, entry);
    }
  }
  const answer = await get(`/api/v1/documents/workload?agency=${city}&limit=500`, auth);
  assert.equal(answer.statusCode, 200, answer.body);
  const body = answer.json();
  assert.equal(new Set(body.units.map((u: { agency_code: string; unit: string }) => `${u.agency_code}/${u.unit}`)).size, body.units.length, 'no unit twice');
  assert.deepEqual(new Map(body.units.map((u: { agency_code: string; unit: string; open: number; overdue: number }) => [`${u.agency_code}/${u.unit}`, { open: u.open, overdue: u.overdue }])), expected);
  assert.ok(body.staff.length > 0 && body.staff.every((s: { staff: string }) => s.staff.length > 0), 'named staff');
  const overdue = body.units.map((u: { overdue: number }) => u.overdue);
  assert.deepEqual(overdue, [...overdue].sort((a, b) => b - a), 'heaviest overdue first');
  assert.equal((await get(`/api/v1/documents/workload?agency=${city}`)).statusCode, 401, 'person-level: signed in only');
});

test('ETag from data_as_of: a repeated request with If-None-Match gets 304 and no body', async () => {
  const url = `/api/v1/kpis?agency=${city}&from=2025-01-01&to=2025-01-31`;
  const first = await get(url);
  assert.equal(first.headers['cache-control'], 'private, no-cache');
  const etag = String(first.headers['etag']);
  assert.match(etag, /^"[\w-]+"$/);
  const again = await get(url, { 'if-none-match': etag });
  assert.equal(again.statusCode, 304);
  assert.equal(again.body, '');
  const other = await get(`/api/v1/kpis?agency=${city}&from=2025-01-01&to=2025-02-28`, { 'if-none-match': etag });
  assert.equal(other.statusCode, 200, 'another query has another tag');
  // A new build moves data_as_of, and with it every tag.
  await warehouse.insert({ table: 'analytics._model_builds', values: [{ data_as_of: '2025-10-01 00:00:00.000', models: [], seconds: 0 }], format: 'JSONEachRow' });
  await new Promise((resolve) => setTimeout(resolve, 600));
  const afterBuild = await get(url, { 'if-none-match': etag });
  assert.equal(afterBuild.statusCode, 200);
  assert.notEqual(afterBuild.headers['etag'], etag);
});

test('identical concurrent requests share one computation', async () => {
  const url = `/api/v1/kpis?agency=${city}&from=2024-01-01&to=2024-12-31`;
  const before = { ...app.readCache.stats };
  const answers = await Promise.all(Array.from({ length: 5 }, () => get(url)));
  assert.ok(answers.every((a) => a.statusCode === 200 && a.body === answers[0]!.body));
  assert.equal(app.readCache.stats.misses - before.misses, 1, 'one computation');
});

test('freshness and metrics report the data age and request latencies', async () => {
  const fresh = await json('/api/v1/freshness');
  assert.ok(fresh.data_as_of_age_seconds > 0);
  assert.ok(fresh.ingest_watermark);
  const metrics = await get('/metrics');
  assert.equal(metrics.statusCode, 200);
  assert.match(metrics.body, /vanban_api_request_duration_seconds_count\{method="GET",route="\/api\/v1\/kpis",status="200"\} \d+/);
  assert.match(metrics.body, /vanban_data_as_of_age_seconds \d/);
  assert.match(metrics.body, /vanban_ingest_lag_seconds \d/);
  // The safety net of the incremental models: counted once it has run (transform/src/verify.ts).
  const before = Number(/vanban_model_checks_total (\d+)/.exec(metrics.body)?.[1]);
  assert.ok(before >= 0, metrics.body);
  const checks = await verifyModels(warehouse, { repair: false });
  const after = (await get('/metrics')).body;
  assert.equal(Number(/vanban_model_checks_total (\d+)/.exec(after)?.[1]), before + 1);
  assert.equal(Number(/vanban_model_differences_total (\d+)/.exec(after)?.[1]), checks.filter((c) => !c.equal).length);
  assert.deepEqual(checks.filter((c) => !c.equal), [], 'the demo warehouse equals a full build');
  assert.match(after, /vanban_model_last_check_timestamp_seconds \d{10}/);
});

test('metrics count the times the event loop was held up', async () => {
  await get('/metrics');
  const heldOver100ms = async () => {
    const body = (await get('/metrics')).body;
    const count = Number(/^vanban_event_loop_lag_seconds_count (\d+)$/m.exec(body)?.[1]);
    const within = Number(/^vanban_event_loop_lag_seconds_bucket\{le="0.1"\} (\d+)$/m.exec(body)?.[1]);
    assert.ok(count > 0 && within <= count, body);
    return count - within;
  };
  const before = await heldOver100ms();
  // Something that computes for 150 ms without yielding, as a request must never do.
  const until = performance.now() + 150;
  while (performance.now() < until) { /* holding the loop */ }
  await new Promise((resolve) => setTimeout(resolve, 30));
  const after = await heldOver100ms();
  // Once, not once per 10 ms tick it lasted (that would add about 14). A loaded runner may hold the
  // loop up on its own (a GC pause, both cores busy): one more is tolerated, not asserted away.
  assert.ok(after >= before + 1 && after <= before + 2, `the hold is counted once: ${before} → ${after}`);
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.ok(await heldOver100ms() >= after, 'cumulative: a scrape resets nothing');
});

test('the series of the issue (December 9999 by month) is refused at once and the server keeps answering', async () => {
  const started = performance.now();
  const hang = await get(`/api/v1/kpis/series?agency=${city}&from=9999-12-01&to=9999-12-31&interval=month`);
  assert.equal(hang.statusCode, 400, hang.body);
  assert.match(hang.json().error.message, /outside the dates the warehouse holds: 2000-01-01 to 2035-12-31/);
  const everything = await get(`/api/v1/kpis/series?agency=${city}&from=2000-01-01&to=2035-12-31&interval=day`);
  assert.equal(everything.statusCode, 400);
  assert.match(everything.json().error.message, /13149 points \(at most 120\)/, 'counted, not built');
  assert.ok(performance.now() - started < 1000, `refused in ${performance.now() - started} ms`);
  assert.equal((await get('/api/health')).statusCode, 200);
});

test('every date parameter is held to the warehouse\'s range: 0000, 0001, 2299 and 9999 are a clear 400', async () => {
  const urls = (date: string) => [
    `/api/v1/kpis?agency=${city}&from=${date}&to=${date}`,
    `/api/v1/kpis?agency=${city}&from=2025-01-01&to=${date}`,
    `/api/v1/kpis/breakdown?agency=${city}&from=${date}&to=${date}`,
    `/api/v1/kpis/series?agency=${city}&from=${date}&to=${date}&interval=day`,
    `/api/v1/agencies?date=${date}`,
  ];
  for (const date of ['0000-01-01', '0001-01-01', '1999-12-31', '2036-01-01', '2299-12-31', '9999-12-31']) {
    for (const url of urls(date)) {
      const answer = await get(url);
      assert.equal(answer.statusCode, 400, url);
      assert.match(answer.json().error.message, /outside the dates the warehouse holds|period is empty/, url);
    }
  }
  // The issue: one day in 2299 read the whole history (Date32 wraps at its end).
  assert.equal((await get(`/api/v1/kpis?agency=${city}&from=2299-12-31&to=2299-12-31`)).statusCode, 400);
  // A period that starts after today: nothing to count yet, a clear 400; one that runs past it counts up to today.
  const future = await get(`/api/v1/kpis?agency=${city}&from=2035-12-31&to=2035-12-31`);
  assert.equal(future.statusCode, 400);
  assert.match(future.json().error.message, /starts after today/);
  const running = await get(`/api/v1/kpis?agency=${city}&from=2025-01-01&to=2035-12-31`);
  assert.equal(running.statusCode, 200);
  assert.equal(running.json().period.as_of, today, 'as of today');
});

test('integer parameters take decimal digits only: Infinity, -Infinity, 1e309, 1e3 are a 400, never a 500', async () => {
  const leader = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'lanhdao', password: 'demo' } })).json();
  const auth = { authorization: `Bearer ${leader.access_token}` };
  for (const bad of ['Infinity', '-Infinity', '1e309', '1e3', '0x10', '1.5', '%205', 'NaN']) {
    for (const url of [
      `/api/v1/kpis/breakdown?agency=${city}&from=2025-01-01&to=2025-01-31&min_volume=${bad}`,
      `/api/v1/documents/open?agency=${city}&page=${bad}`,
      `/api/v1/documents/open?agency=${city}&page_size=${bad}`,
      `/api/v1/documents/workload?agency=${city}&limit=${bad}`,
      `/api/v1/reports?limit=${bad}`,
    ]) {
      const answer = await get(url, auth);
      assert.equal(answer.statusCode, 400, `${url}: ${answer.body}`);
      assert.equal(answer.json().error.code, 'bad_request');
    }
  }
  assert.equal((await get(`/api/v1/documents/open?agency=${city}&page=2&page_size=10`, auth)).statusCode, 200, 'digits still pass');
  assert.equal((await get(`/api/v1/documents/open?agency=${city}&page_size=201`, auth)).statusCode, 400, 'maxima hold');
});

test('the read cache is bounded by the bytes of its answers, the oldest leaving first', async () => {
  const { ReadCache } = await import('../../api/src/http/read-cache.js');
  const cache = new ReadCache(warehouse, { maxBytes: 40_000 });
  const serve = (url: string, answer: unknown) => cache.serve(
    { url, headers: {}, ip: '127.0.0.1', principal: null } as never,
    { header: () => undefined, code: () => undefined } as never,
    async () => answer,
  );
  const big = { text: 'x'.repeat(9_000) };
  for (let i = 0; i < 10; i++) await serve(`/big/${i}`, big);
  assert.ok(cache.size.bytes <= 40_000, `${cache.size.bytes} bytes kept`);
  assert.equal(cache.size.entries, 4, 'four answers of ~9 kB fit in 40 kB');
  await serve('/small', { n: 1 });
  const before = cache.stats.hits;
  await serve('/big/9', { other: true });
  assert.equal(cache.stats.hits, before + 1, 'the newest big answer is still kept');
  await serve('/big/0', big);
  assert.equal(cache.stats.hits, before + 1, 'the oldest left');
  await serve('/huge', { text: 'x'.repeat(20_000) });
  assert.ok(cache.size.bytes <= 40_000, 'an answer over a quarter of the budget is served but not kept');
});

test('uncached computations go through a fair gate: one caller\'s burst waits behind itself, not in front of others', async () => {
  const { ComputeGate } = await import('../../api/src/http/read-cache.js');
  const gate = new ComputeGate({ running: 2, runningPerCaller: 1, waitingPerCaller: 3, waiting: 10 });
  const order: string[] = [];
  const releases: (() => void)[] = [];
  const task = (name: string) => () => new Promise<string>((resolve) => { order.push(name); releases.push(() => resolve(name)); });
  const heavy = [0, 1, 2, 3].map((i) => gate.run('heavy', task(`heavy${i}`)));
  await assert.rejects(gate.run('heavy', task('heavy4')), (error: Error & { status?: number; retryAfterSeconds?: number }) => error.status === 429 && error.retryAfterSeconds! > 0);
  const light = gate.run('light', task('light0'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['heavy0', 'light0'], 'the other caller starts at once although the heavy one queued first');
  releases.shift()!();
  releases.shift()!();
  await Promise.all([heavy[0], light]);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(order, ['heavy0', 'light0', 'heavy1'], 'one at a time for the heavy caller');
  while (releases.length) { releases.shift()!(); await new Promise((resolve) => setImmediate(resolve)); }
  assert.deepEqual(await Promise.all(heavy), ['heavy0', 'heavy1', 'heavy2', 'heavy3']);
});

test('the chasing letter lists every overdue document of the agency with its handler, read back by LibreOffice (DOCX) and pdftotext (PDF)', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftotext'), 'LibreOffice Writer and poppler-utils (bash infra/browser/install.sh)', t)) return;
  const leader = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'lanhdao', password: 'demo' } })).json();
  const auth = { authorization: `Bearer ${leader.access_token}` };
  // An agency with a handful of overdue documents of its own, some assigned to a named person.
  type Listed = { source_notation: string; due_date: string; days_overdue: number; assignees: { role: string; unit: string | null; staff_name: string | null }[] };
  const agencies = (await json('/api/v1/agencies')).agencies as { code: string; kind: string }[];
  let chosen: { code: string; documents: Listed[] } | undefined;
  for (const { code } of agencies.filter((a) => a.kind === 'department' || a.kind === 'district')) {
    const list = (await get(`/api/v1/documents/open?agency=${code}&scope=self&overdue=true&page_size=200`, auth)).json();
    if (list.total >= 3 && list.total <= 60 && list.documents.some((d: Listed) => d.assignees.some((a) => a.role === 'lead' && a.staff_name))) {
      chosen = { code, documents: list.documents };
      break;
    }
  }
  assert.ok(chosen, 'an agency with 3–60 overdue documents, one with a named handler');

  assert.equal((await get(`/api/v1/documents/chasing-letter?agency=${chosen.code}`)).statusCode, 401, 'person-level: not without credentials');
  assert.equal((await get('/api/v1/documents/chasing-letter?agency=999.99.99.X99', auth)).statusCode, 404);
  assert.equal((await get(`/api/v1/documents/chasing-letter?agency=${chosen.code}&format=odt`, auth)).statusCode, 400);

  const dir = mkdtempSync(path.join(os.tmpdir(), 'letter-test-'));
  const normalized = (text: string) => text.replace(/\s+/g, ' ');
  const readBack: Record<'docx' | 'pdf', string> = { docx: '', pdf: '' };
  for (const format of ['docx', 'pdf'] as const) {
    const response = await get(`/api/v1/documents/chasing-letter?agency=${chosen.code}&format=${format}`, auth);
    assert.equal(response.statusCode, 200, response.body.slice(0, 300));
    assert.match(String(response.headers['content-disposition']), new RegExp(`cong-van-don-doc_${chosen.code.replace(/\./g, '\\.')}_${today}\\.${format}`));
    const file = path.join(dir, `letter.${format}`);
    writeFileSync(file, response.rawPayload);
    if (format === 'docx') {
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'txt:Text (encoded):UTF8', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
      readBack.docx = normalized(readFileSync(path.join(dir, 'letter.txt'), 'utf8'));
    } else {
      readBack.pdf = normalized(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }));
    }
  }
  const vn = (iso: string) => iso.split('-').reverse().join('/');
  for (const [format, text] of Object.entries(readBack)) {
    assert.match(text, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM/, `${format}: national title`);
    assert.match(text, /V\/v đôn đốc xử lý văn bản đến quá hạn/, `${format}: subject line`);
    assert.match(text, new RegExp(`còn ${chosen.documents.length} văn bản đến đã quá hạn`), `${format}: the count`);
    for (const document of chosen.documents) {
      const label = `${format}: ${document.source_notation}`;
      assert.ok(text.includes(normalized(document.source_notation)), `${label} listed`);
      assert.ok(text.includes(vn(document.due_date)), `${label}: due date`);
      for (const lead of document.assignees.filter((a) => a.role === 'lead')) {
        if (lead.unit) assert.ok(text.includes(normalized(lead.unit)), `${label}: unit ${lead.unit}`);
        if (lead.staff_name) assert.ok(text.includes(normalized(lead.staff_name)), `${label}: person ${lead.staff_name}`);
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const audit = await queryRows<{ principal_id: string; records: number }>(warehouse, "select principal_id, records from vanban_audit.access_log where action = 'documents.chasing_letter' order by at");
  assert.deepEqual(audit, [{ principal_id: 'lanhdao', records: chosen.documents.length }, { principal_id: 'lanhdao', records: chosen.documents.length }], 'each letter audited');
});

test('performance of units and people: ranked worst first by the on-time rate, people only with credentials and audited', async () => {
  const period = 'from=2025-01-01&to=2025-06-30';
  const units = await json(`/api/v1/performance/units?agency=${city}&${period}&min_completed=3&limit=1000`);
  assert.equal(units.level, 'unit');
  assert.ok(units.rows.length > 5 && units.rows.length === units.total, `${units.total} units`);
  const ranked = units.rows.filter((r: { rank: number | null }) => r.rank !== null);
  assert.ok(ranked.length > 0);
  ranked.forEach((row: { rank: number; assignments_completed: number; assignment_on_time_rate: number }, i: number) => {
    assert.equal(row.rank, i + 1);
    assert.ok(row.assignments_completed >= 3);
    if (i > 0) assert.ok(ranked[i - 1].assignment_on_time_rate <= row.assignment_on_time_rate, 'worst first');
  });
  // Units are kept apart by agency: the same name in two agencies is two rows.
  const keys = units.rows.map((r: { agency: { code: string }; unit: { id: number } }) => `${r.agency.code}/${r.unit.id}`);
  assert.equal(new Set(keys).size, keys.length);
  // Every lead assignment is some unit's and someone's: over a district, the units add up to the people.
  const [district] = await queryRows<{ code: string }>(warehouse, "select code from analytics.dim_agency where kind = 'district' order by code limit 1");
  const districtUnits = await json(`/api/v1/performance/units?agency=${district!.code}&${period}&limit=1000`);
  const leader = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'lanhdao', password: 'demo' } })).json();
  const auth = { authorization: `Bearer ${leader.access_token}` };
  assert.equal((await get(`/api/v1/performance/people?agency=${city}&${period}`)).statusCode, 401, 'people: not without credentials');
  const people = await get(`/api/v1/performance/people?agency=${district!.code}&${period}&limit=1000`, auth);
  assert.equal(people.statusCode, 200, people.body);
  assert.ok(people.json().total === people.json().rows.length && districtUnits.total === districtUnits.rows.length && districtUnits.total > 0, 'every row listed');
  const sum = (rows: { assignments_completed: number; assignments_open_overdue: number }[], key: 'assignments_completed' | 'assignments_open_overdue') => rows.reduce((total, row) => total + row[key], 0);
  assert.equal(sum(people.json().rows, 'assignments_completed'), sum(districtUnits.rows, 'assignments_completed'));
  assert.equal(sum(people.json().rows, 'assignments_open_overdue'), sum(districtUnits.rows, 'assignments_open_overdue'));
  assert.ok(people.json().rows.some((r: { person: { name: string | null } }) => r.person.name), 'named people');
  const audit = await queryRows<{ records: number }>(warehouse, "select records from vanban_audit.access_log where action = 'performance.people'");
  assert.deepEqual(audit, [{ records: people.json().rows.length }]);
  assert.equal((await get(`/api/v1/performance/units?agency=999.99.99.X99&${period}`)).statusCode, 404);
  assert.equal((await get(`/api/v1/performance/units?agency=${city}&from=2025-06-30&to=2025-01-01`)).statusCode, 400);
});

// GET /api/v1/documents/open and /workload through Fastify (app.inject) on a real embedded warehouse:
// the leaders' filters (urgency, kind of the receiving agency), both orders and the holders grouped
// by agency, each checked against the unfiltered list read page by page.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { buildApp } from '../../app.js';

const today = '2025-09-30';
const dataDir = mkdtempSync(path.join(tmpdir(), 'api-documents-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
await migrateRaw(warehouse);
await ingestMessages(warehouse, debeziumMessages(simulate({ seed: 7, scale: 0.0005, until: today })), { source: 'simulator' });
await buildModels(warehouse);
const app = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const city = '000.00.00.H26';
const signIn = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'lanhdao', password: 'demo' } })).json() as { access_token: string };
const auth = { authorization: `Bearer ${signIn.access_token}` };
const get = (url: string) => app.inject({ method: 'GET', url, headers: auth });

interface Listed { agency_code: string; agency_name: string; agency_kind: string; reg_number: number; received_date: string; due_date: string | null; urgency: string; days_overdue: number; assignees: { role: string; unit: string | null }[] }
const key = (d: Listed) => `${d.agency_code}/${d.received_date}/${d.reg_number}`;

/** Every overdue document of the city with the given extra query, read page by page. */
async function everyOverdue(extra = ''): Promise<{ total: number; documents: Listed[] }> {
  const documents: Listed[] = [];
  for (let page = 1; ; page++) {
    const response = await get(`/api/v1/documents/open?agency=${city}&overdue=true&page_size=200&page=${page}${extra}`);
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json() as { total: number; documents: Listed[] };
    documents.push(...body.documents);
    if (body.documents.length === 0 || documents.length >= body.total) return { total: body.total, documents };
  }
}

test('urgency and kind narrow the overdue list to exactly the documents of the whole list that match', async () => {
  const all = await everyOverdue();
  assert.ok(all.total > 0, 'the simulated city has overdue documents');
  assert.equal(all.documents.length, all.total);
  const byKind = new Map(all.documents.map((d) => [d.agency_code, d.agency_kind]));
  assert.ok(all.documents.every((d) => d.agency_name.length > 0), 'each row names its receiving agency');
  for (const urgency of ['flash', 'normal']) {
    const narrowed = await everyOverdue(`&urgency=${urgency}`);
    assert.deepEqual(narrowed.documents.map(key), all.documents.filter((d) => d.urgency === urgency).map(key), urgency);
  }
  for (const kind of new Set(byKind.values())) {
    const narrowed = await everyOverdue(`&kind=${kind}`);
    assert.deepEqual(narrowed.documents.map(key), all.documents.filter((d) => d.agency_kind === kind).map(key), kind);
  }
  const both = (await get(`/api/v1/documents/open?agency=${city}&overdue=true&urgency=normal&kind=commune&page_size=1`)).json();
  assert.equal(both.total, all.documents.filter((d) => d.urgency === 'normal' && d.agency_kind === 'commune').length, 'the filters combine');
  assert.deepEqual(both.filters, { urgency: 'normal', kind: 'commune', order: 'most_overdue' });
});

test('most overdue first by default; newest overdue first on request, the same documents', async () => {
  const oldest = await everyOverdue();
  const newest = await everyOverdue('&order=newest_overdue');
  const days = (list: Listed[]) => list.map((d) => d.days_overdue);
  assert.deepEqual(days(oldest.documents), [...days(oldest.documents)].sort((a, b) => b - a), 'working days overdue, descending');
  assert.deepEqual(days(newest.documents), [...days(newest.documents)].sort((a, b) => a - b), 'working days overdue, ascending');
  assert.deepEqual(new Set(newest.documents.map(key)), new Set(oldest.documents.map(key)));
});

test('bad filters are a 400 naming the parameter, never a 5xx', async () => {
  for (const bad of ['urgency=hoa_toc', 'kind=ward', 'order=oldest', 'urgency=', 'kind=%00']) {
    const response = await get(`/api/v1/documents/open?agency=${city}&${bad}`);
    assert.equal(response.statusCode, 400, `${bad}: ${response.body}`);
    assert.match(response.body, new RegExp(bad.split('=')[0]!));
  }
});

test('holders: one row per unit of an agency, never units of two agencies added up by name', async () => {
  const response = await get(`/api/v1/documents/workload?agency=${city}&limit=500`);
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json() as { units: { agency_code: string; agency_name: string; unit: string; open: number; overdue: number }[]; staff: { agency_code: string; unit: string; staff: string }[] };
  const keys = body.units.map((u) => `${u.agency_code}/${u.unit}`);
  assert.equal(new Set(keys).size, keys.length, 'no unit twice');
  const names = body.units.map((u) => u.unit).filter(Boolean);
  assert.ok(new Set(names).size < names.length, 'the same unit name in several agencies stays several rows');
  assert.ok(body.units.every((u) => u.agency_code.length > 0 && u.agency_name.length > 0), 'each unit names its agency');
  assert.ok(body.staff.every((s) => s.agency_code.length > 0), 'each person names their agency');
  // The overdue counts of the units add up to the lead-assigned overdue documents, per agency.
  const all = await everyOverdue();
  const expected = new Map<string, number>();
  for (const d of all.documents) {
    for (const unit of new Set(d.assignees.filter((a) => a.role === 'lead').map((a) => `${d.agency_code}/${a.unit ?? ''}`))) expected.set(unit, (expected.get(unit) ?? 0) + 1);
  }
  assert.deepEqual(new Map(body.units.filter((u) => u.overdue > 0).map((u) => [`${u.agency_code}/${u.unit}`, u.overdue])), expected);
});

test('one person\'s burst of person-level reads waits behind itself or is refused (429), and another person is served meanwhile', async () => {
  const other = (await app.inject({ method: 'POST', url: '/api/demo/sign-in', payload: { username: 'sonoivu', password: 'demo' } })).json() as { access_token: string };
  const auditedReads = async () => Number((await (await warehouse.query({
    query: "select count() as n from vanban_audit.access_log where action = 'documents.open' and principal_id = 'lanhdao'", format: 'JSONEachRow',
  })).json<{ n: string }>())[0]!.n);
  const auditedBefore = await auditedReads();
  // Each list reads the whole city's overdue documents: without the gate, forty at once all ran at
  // once, holding the warehouse's connections and everyone else's requests behind them.
  const burst = Array.from({ length: 40 }, (_, i) => get(`/api/v1/documents/open?agency=${city}&overdue=true&page_size=200&page=${1 + (i % 3)}`));
  const meanwhile = app.inject({ method: 'GET', url: `/api/v1/documents/workload?agency=${city}&limit=5`, headers: { authorization: `Bearer ${other.access_token}` } });
  const answers = await Promise.all(burst);
  const statuses = answers.map((response) => response.statusCode);
  // The gate's defaults: two running and thirty-two waiting per caller.
  assert.equal(statuses.filter((status) => status === 200).length, 34, statuses.join(' '));
  const refused = answers.filter((response) => response.statusCode === 429);
  assert.equal(refused.length, 6);
  for (const response of refused) {
    assert.ok(Number(response.headers['retry-after']) > 0);
    assert.match(response.json().error.message, /Too many of your requests/);
  }
  assert.equal((await meanwhile).statusCode, 200, 'another person is not refused for the first one\'s burst');
  assert.equal(await auditedReads() - auditedBefore, 34, 'each read served is audited; the refused ones read nothing');
});

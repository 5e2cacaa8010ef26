// Production-mode authentication and authorization against a real OpenID Connect provider
// (oidc-provider on 127.0.0.1): client credentials with scopes and rate limits, people signed in
// by the authorization-code flow, API keys, subtree authorization, expired / forged / revoked
// tokens, and the audit log of person-level reads.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { queryRows } from '@vanban/common';
import { buildApp, authConfigSchema } from '@vanban/api';
import { apiAudience, people, startProvider } from '../support/oidc.js';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-06-30';
const city = '000.00.00.H26';
const simulated = await simulatedWarehouse('api-auth', { seed: 12, scale: 0.001, until: today });
const { warehouse } = simulated;

// A district of 2025-06-30 with two of its communes, and another district.
const districts = await queryRows<{ code: string; communes: string[] }>(warehouse, `
  select d.code as code, groupArray(c.code) as communes
  from analytics.dim_agency as d inner join analytics.dim_agency as c on c.parent_id = d.agency_id
  where d.kind = 'district' and c.valid_from <= {day:Date32} and (c.valid_to is null or c.valid_to >= {day:Date32})
  group by d.code having count() >= 2 order by d.code limit 2`, { day: today });
const [district, otherDistrict] = districts;
const [commune, neighbour] = district!.communes.sort();
people['commune-clerk'] = { agency_code: commune! };

const provider = await startProvider();
const apiKey = 'lgsp-key-0123456789';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const app = await buildApp({
  warehouse,
  today: () => today,
  logLevel: 'silent',
  auth: authConfigSchema.parse({
    mode: 'production',
    oidc: { issuer: provider.issuer, audience: apiAudience, introspection: { client_id: apiAudience, client_secret: 'api-secret' } },
    clients: [{ client_id: 'ioc', agency: null, rate_limit_per_minute: 1000 }, { client_id: 'ioc-short', agency: null }],
    api_keys: [
      { id: 'lgsp-district', sha256: sha256(apiKey), scopes: ['kpi:read'], agency: district!.code },
      { id: 'limited', sha256: sha256('limited-key'), scopes: ['kpi:read'], agency: null, rate_limit_per_minute: 3 },
    ],
  }),
});
after(async () => {
  await app.close();
  await provider.stop();
  await simulated.remove();
});

const kpis = (agency: string) => `/api/v1/kpis?agency=${agency}&from=2025-01-01&to=2025-06-30`;
const call = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const assertError = (response: Awaited<ReturnType<typeof call>>, status: number, message: RegExp) => {
  assert.equal(response.statusCode, status, response.body);
  assert.deepEqual(Object.keys(response.json()), ['error']);
  assert.match(response.json().error.message, message);
};

test('production: every data endpoint needs credentials; health and the docs stay open', async () => {
  for (const url of [kpis(city), `/api/v1/kpis/breakdown?agency=${city}&from=2025-01-01&to=2025-01-31`, '/api/v1/agencies', `/api/v1/documents/open?agency=${city}`, '/api/v1/freshness', '/metrics']) {
    const response = await call(url);
    assertError(response, 401, /Credentials required/);
    assert.equal(response.headers['www-authenticate'], 'Bearer');
  }
  assert.equal((await call('/api/health')).statusCode, 200);
  assert.equal((await call('/api/docs/json')).statusCode, 200);
});

test('an IOC client reads within its scopes only', async () => {
  const token = await provider.clientCredentials('ioc', 'kpi:read agencies:read');
  assert.equal((await call(kpis(city), bearer(token))).statusCode, 200);
  assert.equal((await call('/api/v1/agencies', bearer(token))).statusCode, 200);
  assertError(await call(`/api/v1/documents/open?agency=${city}`, bearer(token)), 403, /do not grant "documents:read"/);
  const narrow = await provider.clientCredentials('ioc', 'agencies:read');
  assertError(await call(kpis(city), bearer(narrow)), 403, /kpi:read/);
});

test('forged, expired and revoked tokens are refused', async () => {
  const token = await provider.clientCredentials('ioc', 'kpi:read');
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  const forged = [header, Buffer.from(JSON.stringify({ ...claims, scope: 'kpi:read documents:read' })).toString('base64url'), signature].join('.');
  assertError(await call(kpis(city), bearer(forged)), 401, /not valid/);
  assertError(await call(kpis(city), bearer(`${token.slice(0, -4)}AAAA`)), 401, /not valid/);

  const short = await provider.clientCredentials('ioc-short', 'kpi:read');
  assert.equal((await call(kpis(city), bearer(short))).statusCode, 200);
  await new Promise((resolve) => setTimeout(resolve, 2100));
  assertError(await call(kpis(city), bearer(short)), 401, /expired/);

  const opaque = await provider.clientCredentials('ioc', 'kpi:read', 'urn:vanban:opaque');
  assert.equal((await call(kpis(city), bearer(opaque))).statusCode, 200);
  await provider.revoke('ioc', opaque);
  assertError(await call(kpis(city), bearer(opaque)), 401, /revoked/);
});

test('a commune clerk signed in by OpenID Connect sees their commune only; a city leader sees all', async () => {
  const clerk = await provider.signIn('commune-clerk');
  assert.equal((await call(kpis(commune!), bearer(clerk))).statusCode, 200);
  assertError(await call(kpis(neighbour!), bearer(clerk)), 403, new RegExp(`covers ${commune!.replace(/\./g, '\\.')}`));
  assertError(await call(kpis(city), bearer(clerk)), 403, /not 000\.00\.00\.H26/);
  assertError(await call(`/api/v1/kpis/breakdown?agency=${district!.code}&from=2025-01-01&to=2025-01-31`, bearer(clerk)), 403, /covers/);
  const tree = (await call('/api/v1/agencies', bearer(clerk))).json();
  assert.deepEqual(tree.agencies.map((a: { code: string }) => a.code), [commune], 'the tree is cut to their subtree');

  const leader = await provider.signIn('city-leader');
  assert.equal((await call(kpis(city), bearer(leader))).statusCode, 200);
  assert.equal((await call(kpis(neighbour!), bearer(leader))).statusCode, 200);
});

test('an API key reads its district and the communes under it, nothing else', async () => {
  const key = { 'x-api-key': apiKey };
  assert.equal((await call(kpis(district!.code), key)).statusCode, 200);
  assert.equal((await call(kpis(commune!), key)).statusCode, 200);
  assertError(await call(kpis(otherDistrict!.code), key), 403, /covers/);
  assertError(await call(kpis(city), key), 403, /covers/);
  assertError(await call(kpis(city), { 'x-api-key': 'guess' }), 401, /API key is not valid/);
});

test('over its rate limit a caller gets 429 in the error format; others are not affected', async () => {
  const key = { 'x-api-key': 'limited-key' };
  for (let i = 0; i < 3; i++) assert.equal((await call(kpis(city), key)).statusCode, 200);
  const limited = await call(kpis(city), key);
  assertError(limited, 429, /limit is 3 per minute/);
  assert.ok(limited.headers['retry-after']);
  assert.equal((await call(kpis(commune!), { 'x-api-key': apiKey })).statusCode, 200);
});

test('open documents down to named staff: totals equal the summary\'s open stock, and each read is audited', async () => {
  const leader = bearer(await provider.signIn('city-leader'));
  const summary = (await call(`/api/v1/kpis?agency=${district!.code}&from=2025-06-01&to=${today}`, leader)).json();
  const all = (await call(`/api/v1/documents/open?agency=${district!.code}&page_size=20`, leader)).json();
  const overdue = (await call(`/api/v1/documents/open?agency=${district!.code}&overdue=true&page_size=200`, leader)).json();
  assert.equal(all.total, summary.incoming.open_on_time + summary.incoming.open_overdue, 'open = open_on_time + open_overdue at A');
  assert.equal(overdue.total, summary.incoming.open_overdue);
  assert.ok(all.total > 20 && all.documents.length === 20, 'paginated');
  const page2 = (await call(`/api/v1/documents/open?agency=${district!.code}&page_size=20&page=2`, leader)).json();
  assert.equal(new Set([...all.documents, ...page2.documents].map((d: { agency_code: string; received_date: string; reg_number: number }) => `${d.agency_code}/${d.received_date.slice(0, 4)}/${d.reg_number}`)).size, Math.min(40, all.total), 'pages do not overlap');
  assert.equal(page2.documents.length, Math.min(20, all.total - 20));
  const days = overdue.documents.map((d: { days_overdue: number }) => d.days_overdue);
  assert.deepEqual(days, [...days].sort((a, b) => b - a), 'most overdue first');
  assert.ok(days.every((d: number) => d > 0));
  assert.ok(all.documents.some((d: { assignees: { staff_name: string | null }[] }) => d.assignees.some((a) => a.staff_name)), 'named staff');

  const clerk = bearer(await provider.signIn('commune-clerk'));
  assertError(await call(`/api/v1/documents/open?agency=${neighbour}`, clerk), 403, /covers/);
  const own = await call(`/api/v1/documents/open?agency=${commune}`, clerk);
  assert.equal(own.statusCode, 200);
  const audit = await queryRows<{ principal_id: string; action: string; agency: string; records: number }>(warehouse,
    "select principal_id, action, agency, records from vanban_audit.access_log order by at");
  assert.deepEqual(audit.map((a) => [a.principal_id, a.action, a.agency]), [
    ['city-leader', 'documents.open', district!.code], ['city-leader', 'documents.open', district!.code], ['city-leader', 'documents.open', district!.code],
    ['commune-clerk', 'documents.open', commune!],
  ], 'every served read, and only those');
});

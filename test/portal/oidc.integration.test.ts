// The portal in production mode: nothing without a sign-in, and the sign-in goes through a real
// OpenID Connect provider (oidc-provider on 127.0.0.1) by the authorization-code flow with PKCE,
// in Debian's Chromium; afterwards the overview shows the API's figures for the signed-in person.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { authConfigSchema } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable, chromiumPath, freePort, launchChromium, servePortal } from '../support/portal.js';
import { apiAudience, startProvider, type TestProvider } from '../support/oidc.js';
import { simulatedWarehouse, type SimulatedWarehouse } from '../support/warehouse.js';

const count = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
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
  provider = await startProvider({ portalRedirectUris: [`${base}/phien/oidc/callback`] });
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
  await page.getByRole('link', { name: 'Đăng nhập', exact: true }).first().click();
  await page.getByRole('link', { name: /SSO/ }).click();
  await page.waitForURL((url) => url.origin === provider!.issuer);
  await page.fill('input[name="login"]', 'city-leader');
  await page.fill('input[name="password"]', 'any');
  await page.click('button[type="submit"]');
  await page.waitForURL((url) => url.origin === base && url.pathname === '/');
  await page.getByRole('heading', { level: 1, name: 'UBND Thành phố Hà Nội' }).waitFor();
  await page.getByText('city-leader').waitFor();
  const token = await provider!.clientCredentials('integration', 'kpi:read');
  const kpis = await (await fetch(`${base}/api/v1/kpis?agency=000.00.00.H26&${view}`, { headers: { authorization: `Bearer ${token}` } })).json() as { incoming: { received: number } };
  assert.equal(await page.locator('section.card[aria-label="Văn bản đến"] .value').innerText(), count.format(kpis.incoming.received));
  await context.close();
});

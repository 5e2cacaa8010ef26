// The API with the built portal mounted, on a free port of 127.0.0.1: what the browser tests and the
// portal benchmark run (with the API's Chromium launch, re-exported here for them).
import { createServer } from 'node:net';
import type { Warehouse } from '@vanban/common';
import type { Browser } from 'playwright-core';
import { buildApp, launchChromium, type AuthConfig } from '@vanban/api';
export { chromiumAvailable, chromiumPath, launchChromium } from '@vanban/api';
import { ensurePortalBuilt, startPortal } from '../../dashboard/host/portal-host.js';
import { simulatedWarehouse, type SimulatedWarehouse } from './warehouse.js';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Builds the portal if its sources changed, then serves API + portal; `port` is taken before so the
 *  portal can be told where the API answers (and an OpenID provider where to send people back). */
export async function servePortal(options: { warehouse: Warehouse; today: () => string; auth?: AuthConfig; port?: number; logLevel?: string }): Promise<{ base: string; close(): Promise<void> }> {
  await ensurePortalBuilt();
  const port = options.port ?? (await freePort());
  const base = `http://127.0.0.1:${port}`;
  // The portal's default periods start from the same business date as the API's (dashboard/lib/config.ts).
  process.env['BUSINESS_TODAY'] = options.today();
  const pages = await startPortal('127.0.0.1', port, base);
  const app = await buildApp({ warehouse: options.warehouse, today: options.today, logLevel: options.logLevel ?? 'silent', pages, auth: options.auth });
  await app.listen({ host: '127.0.0.1', port });
  return { base, close: () => app.close() };
}

/** What a browser test of the portal runs against: a simulated Hanoi, the API with the portal, Chromium. */
export interface PortalUnderTest { simulated: SimulatedWarehouse; base: string; browser: Browser; close(): Promise<void> }

/**
 * Starts a simulated warehouse named `name`, the API with the built portal over it (its business
 * date `today`) and Debian's Chromium; `close` stops all three and removes the warehouse.
 */
export async function portalUnderTest(name: string, simulation: { seed: number; scale: number; until: string }, today: string): Promise<PortalUnderTest> {
  const simulated = await simulatedWarehouse(name, simulation);
  const served = await servePortal({ warehouse: simulated.warehouse, today: () => today });
  const browser = await launchChromium();
  return {
    simulated, base: served.base, browser,
    close: async () => {
      await browser.close();
      await served.close();
      await simulated.remove();
    },
  };
}

// `npm run serve`: the API and the portal as one service against the configured warehouse — a
// ClickHouse server by CLICKHOUSE_URL in production, or an embedded data directory that no other
// process holds. Same modules as `npm start`, no simulation, no model build. `--no-portal` serves
// the API alone (an IOC-only deployment). The demo's auth mode (open aggregates, a published
// password) is refused unless asked for with --demo on a loopback address.
import { isIP } from 'node:net';
import { connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { migrateRaw } from '@vanban/ingest';
import { alertConfig, buildApp, digestSetup, loadAuthConfig, localToday } from '@vanban/api';
import { ensurePortalBuilt, startPortal } from '../dashboard/host/portal-host.js';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { port: 'string', 'data-dir': 'string', 'auth-config': 'string', 'no-portal': 'boolean', demo: 'boolean' });
  // Production: who may call comes from a file (see README "API"); there is no open default.
  const authFile = (flags['auth-config'] as string | undefined) ?? process.env['AUTH_CONFIG'];
  if (!authFile) throw new Error('set AUTH_CONFIG (or --auth-config) to the JSON file that names the OpenID provider, clients and API keys; see README "API"');
  const auth = loadAuthConfig(authFile);
  const config = loadConfig({
    dataDir: flags['data-dir'] as string | undefined,
    port: flags['port'] === undefined ? undefined : Number(flags['port']),
  });
  if (auth.mode === 'demo') {
    if (!flags['demo']) {
      throw new Error(`${authFile} says "mode": "demo": aggregate reads open to anyone and the published demo password; \`npm run serve\` is for production. Use "mode": "production" with the city's OpenID provider, or pass --demo to try the demo on 127.0.0.1`);
    }
    if (!isLoopback(config.host)) throw new Error(`--demo serves only on a loopback address (127.0.0.1 or ::1), not HOST=${config.host}`);
  }
  const warehouse = await connectWarehouse(config);
  // An embedded warehouse is this process's alone: bring its tables (the report archive) up to date.
  // A server's belong to the ingest side, whose user runs the migrations.
  if (!config.clickhouseUrl) await migrateRaw(warehouse);
  let pages;
  if (!flags['no-portal']) {
    await ensurePortalBuilt();
    // The portal's server components read the API over HTTP on the same port.
    pages = await startPortal(config.host, config.port, `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`);
  }
  const app = await buildApp({
    warehouse, today: () => config.today ?? localToday(), logLevel: config.logLevel, auth, pages,
    reportSchedule: config.reports.schedule === 'on' ? config.reports : undefined,
    alerts: alertConfig(config.alerts, config.portalUrl),
    digest: digestSetup(config),
  });
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`API${pages ? ' and portal' : ''} listening on ${address}, ${auth.mode} mode (warehouse: ${config.clickhouseUrl ?? `embedded chDB in ${config.dataDir}`})`);
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

main().catch((error: unknown) => {
  console.error(`serve failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

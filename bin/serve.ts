// `npm run serve`: the API and the portal as one service against the configured warehouse — a
// ClickHouse server by CLICKHOUSE_URL in production, or an embedded data directory that no other
// process holds. Same modules as `npm start`, no simulation, no model build. `--no-portal` serves
// the API alone (an IOC-only deployment).
import { connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { migrateRaw } from '@vanban/ingest';
import { buildApp, loadAuthConfig, localToday } from '@vanban/api';
import { ensurePortalBuilt, startPortal } from '../dashboard/host/portal-host.js';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { port: 'string', 'data-dir': 'string', 'auth-config': 'string', 'no-portal': 'boolean' });
  // Production: who may call comes from a file (see README "API"); there is no open default.
  const authFile = (flags['auth-config'] as string | undefined) ?? process.env['AUTH_CONFIG'];
  if (!authFile) throw new Error('set AUTH_CONFIG (or --auth-config) to the JSON file that names the OpenID provider, clients and API keys; see README "API"');
  const auth = loadAuthConfig(authFile);
  const config = loadConfig({
    dataDir: flags['data-dir'] as string | undefined,
    port: flags['port'] === undefined ? undefined : Number(flags['port']),
  });
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
  });
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`API${pages ? ' and portal' : ''} listening on ${address}, ${auth.mode} mode (warehouse: ${config.clickhouseUrl ?? `embedded chDB in ${config.dataDir}`})`);
}

main().catch((error: unknown) => {
  console.error(`serve failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

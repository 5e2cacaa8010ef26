// `npm run serve`: the API (and portal, when built) as its own service against the configured
// warehouse — a ClickHouse server by CLICKHOUSE_URL in production, or an embedded data directory
// that no other process holds. Same modules as `npm start`, no simulation, no model build.
import { connectWarehouse, loadConfig, parseArgs } from '@vanban/common';
import { buildApp, loadAuthConfig, localToday } from '@vanban/api';

async function main() {
  const flags = parseArgs(process.argv.slice(2), { port: 'string', 'data-dir': 'string', 'auth-config': 'string' });
  // Production: who may call comes from a file (see README "API"); there is no open default.
  const authFile = (flags['auth-config'] as string | undefined) ?? process.env['AUTH_CONFIG'];
  if (!authFile) throw new Error('set AUTH_CONFIG (or --auth-config) to the JSON file that names the OpenID provider, clients and API keys; see README "API"');
  const auth = loadAuthConfig(authFile);
  const config = loadConfig({
    dataDir: flags['data-dir'] as string | undefined,
    port: flags['port'] === undefined ? undefined : Number(flags['port']),
  });
  const warehouse = await connectWarehouse(config);
  const app = await buildApp({ warehouse, today: () => config.today ?? localToday(), logLevel: config.logLevel, auth });
  const address = await app.listen({ host: config.host, port: config.port });
  console.log(`API listening on ${address}, ${auth.mode} mode (warehouse: ${config.clickhouseUrl ?? `embedded chDB in ${config.dataDir}`})`);
}

main().catch((error: unknown) => {
  console.error(`serve failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

// `npm run bench:api -- --data-dir D`: load benchmark of the KPI API over HTTP on 127.0.0.1 with
// autocannon, against a warehouse built by `npm run bench -- --data-dir D` (the models are rebuilt
// first, so they match this code). The API runs as `npm run serve` does, in its own process, in
// production mode with an API key (authentication, authorization and rate limiting included).
//   cached:   the same request again and again (answered from the ETag-keyed answer cache)
//   uncached: every request a different period, so every answer is computed
// For each: requests/s and latency p50/p95/p99 (measured per response, autocannon reports no p95).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { closeWarehouse, connectWarehouse, parseArgs } from '@vanban/common';
import { buildModels } from '@vanban/transform';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted: number[], p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

interface Scenario { name: string; connections: number; path: () => string }

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function main() {
  const flags = parseArgs(process.argv.slice(2), { 'data-dir': 'string', duration: 'string', connections: 'string', 'uncached-connections': 'string', port: 'string', 'skip-build': 'boolean' });
  const dataDir = flags['data-dir'] as string | undefined;
  if (!dataDir) throw new Error('--data-dir D is required: a warehouse made by `npm run bench -- --data-dir D`');
  const duration = Number(flags['duration'] ?? 15);
  const connections = Number(flags['connections'] ?? 10);
  // Uncached answers cost tens of milliseconds of both cores each, so their latency is a matter of
  // how many wait at once: measured at each of these concurrencies.
  const uncachedConnections = String(flags['uncached-connections'] ?? '1,4,10').split(',').map(Number);
  const port = Number(flags['port'] ?? 3300);

  if (!flags['skip-build']) {
    const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
    console.error('rebuilding the models of', dataDir);
    await buildModels(warehouse);
    await closeWarehouse(warehouse);
  }

  const key = `bench-${Date.now()}`;
  const authFile = path.join(mkdtempSync(path.join(tmpdir(), 'bench-api-')), 'auth.json');
  writeFileSync(authFile, JSON.stringify({
    mode: 'production',
    api_keys: [{ id: 'bench', sha256: createHash('sha256').update(key).digest('hex'), scopes: ['kpi:read', 'agencies:read'], agency: null, rate_limit_per_minute: 10_000_000 }],
  }));
  const server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bin/serve.ts'), '--data-dir', dataDir, '--port', String(port), '--no-portal'], {
    // No report schedule: its first look would render reports while the load runs.
    cwd: root, env: { ...process.env, AUTH_CONFIG: authFile, LOG_LEVEL: 'warn', REPORT_SCHEDULE: 'off' }, stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const headers = { 'x-api-key': key };
  try {
    for (let i = 0; ; i++) {
      if (server.exitCode !== null) throw new Error('the API exited before answering');
      if (await fetch(`${base}/api/health`).then((r) => r.ok, () => false)) break;
      if (i > 600) throw new Error('the API did not come up in 60 s');
      await sleep(100);
    }
    const tree = (await (await fetch(`${base}/api/v1/agencies?view=as_is`, { headers })).json()) as { agencies: { code: string; kind: string }[] };
    const agency = tree.agencies.find((a) => a.kind === 'department')!.code;
    const kpi = (code: string, from: string, to: string) => `/api/v1/kpis?agency=${code}&from=${from}&to=${to}`;
    // Distinct periods for every request number: 300 start days × growing lengths.
    // A different period for every uncached request of the run (600 start days × 300 lengths), so
    // no uncached scenario meets an answer an earlier one computed.
    let issued = 0;
    const distinct = (code: string) => () => {
      const i = issued++;
      const from = addDays('2024-01-01', i % 600);
      return kpi(code, from, addDays(from, 30 + (Math.floor(i / 600) % 300)));
    };
    const scenarios: Scenario[] = [
      { name: 'city, cached', connections, path: () => kpi('000.00.00.H26', '2025-01-01', '2025-12-31') },
      { name: 'one agency, cached', connections, path: () => kpi(agency, '2025-01-01', '2025-12-31') },
      ...uncachedConnections.flatMap((n) => [
        { name: `city, uncached, ${n} connection(s)`, connections: n, path: distinct('000.00.00.H26') },
        { name: `one agency, uncached, ${n} connection(s)`, connections: n, path: distinct(agency) },
      ]),
    ];
    const report: Record<string, unknown> = {
      machine: { cpus: cpus().length, model: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
      data_dir: dataDir, duration_s: duration, agency,
    };
    for (const scenario of scenarios) {
      const samples: number[] = [];
      const statuses = new Map<number, number>();
      const result = await new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon({
          url: base, connections: scenario.connections, duration, headers,
          requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: scenario.path() }) }],
        }, (error, done) => (error ? reject(error) : resolve(done)));
        instance.on('response', (_client, status, _bytes, ms) => {
          samples.push(ms);
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        });
      });
      samples.sort((a, b) => a - b);
      const row = {
        requests_per_s: Math.round(result.requests.average),
        p50_ms: percentile(samples, 50), p95_ms: percentile(samples, 95), p99_ms: percentile(samples, 99),
        responses: samples.length, statuses: Object.fromEntries(statuses),
      };
      report[scenario.name] = row;
      console.error(`${scenario.name}: ${row.requests_per_s} req/s, p50 ${row.p50_ms.toFixed(1)} ms, p95 ${row.p95_ms.toFixed(1)} ms, p99 ${row.p99_ms.toFixed(1)} ms (${JSON.stringify(row.statuses)})`);
    }
    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    writeFileSync(path.join(root, 'bench-results', 'bench-api.json'), JSON.stringify(report, null, 2));
    console.log(JSON.stringify(report, null, 2));
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(`bench:api failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});

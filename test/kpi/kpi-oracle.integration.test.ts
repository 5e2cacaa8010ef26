// The warehouse's KPIs against an independent computation on the source.
// One seeded simulation is written into a real PostgreSQL (as the e-office system would) and, as
// Debezium change events, through the ingest into chDB; the models are built; then every field of
// kpi.md is compared for the city, each kind, twenty agencies, both scopes, both views and periods
// that include a month, a quarter spanning the 2025-07-01 reorganisation and a statutory year.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { closeWarehouse, connectWarehouse, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate, writeToPostgres } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { kpiSummary, type KpiQuery } from '@vanban/api';
import { startPostgres, postgresAvailable } from '../support/postgres.js';
import { requireOrSkip } from '../support/ci.js';
import { loadCalendar, oracleKpis } from '../kpi-oracle/index.js';
import { differences } from './compare.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const simulation = { seed: 2022, scale: 0.002, until: '2025-12-31' };
// A business "today" inside the data, so that A = min(to, today) is exercised both ways.
const today = '2025-12-20';
const periods = [
  { name: 'a month', from: '2024-03-01', to: '2024-03-31' },
  { name: 'statutory Q3 2025 (spans 2025-07-01)', from: '2025-06-15', to: '2025-09-14' },
  { name: 'statutory year 2025', from: '2024-12-15', to: '2025-12-14' },
  { name: 'December 2025, after today', from: '2025-12-01', to: '2025-12-31' },
];

let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
let source: pg.Client;
let warehouse: Warehouse;
let dataDir: string;

before(async () => {
  if (!postgresAvailable()) return;
  postgres = await startPostgres({ name: 'kpi-oracle' });
  await writeToPostgres(postgres.url, simulate(simulation));
  source = new pg.Client({ connectionString: postgres.url });
  await source.connect();
  await loadCalendar(source, path.join(root, 'data', 'reference', 'calendar', 'vn_calendar.csv'));

  dataDir = mkdtempSync(path.join(tmpdir(), 'kpi-oracle-'));
  warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  await migrateRaw(warehouse);
  await ingestMessages(warehouse, debeziumMessages(simulate(simulation)), { source: 'simulator' });
  await buildModels(warehouse);
}, { timeout: 600_000 });

after(async () => {
  await source?.end();
  if (warehouse) await closeWarehouse(warehouse);
  await postgres?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function agenciesToCheck(): Promise<{ code: string; kind: string }[]> {
  const { rows } = await source.query<{ code: string; kind: string }>('select code, kind from eoffice.agency order by id');
  const byKind = new Map<string, string>();
  for (const row of rows) if (!byKind.has(row.kind)) byKind.set(row.kind, row.code);
  // Twenty agencies spread over the register, always the same ones for the same simulation.
  const step = Math.max(1, Math.floor(rows.length / 20));
  const spread = rows.filter((_, index) => index % step === 0).slice(0, 20);
  const chosen = new Map<string, string>([...byKind].map(([kind, code]) => [code, kind]));
  for (const row of spread) chosen.set(row.code, row.kind);
  return [...chosen].map(([code, kind]) => ({ code, kind }));
}

async function compare(query: KpiQuery): Promise<string[]> {
  const [fromWarehouse, fromSource] = await Promise.all([
    kpiSummary(warehouse, query, today),
    oracleKpis(source, { agencyCode: query.agency, from: query.from, to: query.to, scope: query.scope, view: query.view, today }),
  ]);
  const { agency, ...expected } = fromSource;
  const label = `${query.agency} ${query.scope} ${query.view} ${query.from}…${query.to}`;
  return [
    ...differences({ code: fromWarehouse.agency.code, kind: fromWarehouse.agency.kind }, { code: agency.code, kind: agency.kind }),
    ...differences(fromWarehouse, expected),
  ].map((d) => `${label}: ${d}`);
}

test('every KPI equals the independent computation on PostgreSQL', { timeout: 600_000 }, async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t)) return;
  const agencies = await agenciesToCheck();
  assert.ok(agencies.length >= 20, `expected at least 20 agencies to check, got ${agencies.length}`);
  const kinds = new Set(agencies.map((a) => a.kind));
  for (const kind of ['city', 'department', 'district', 'commune']) assert.ok(kinds.has(kind), `no ${kind} agency checked`);

  const problems: string[] = [];
  let compared = 0;
  for (const { code } of agencies) {
    for (const period of periods) {
      for (const scope of ['self', 'subtree'] as const) {
        for (const view of ['as_was', 'as_is'] as const) {
          problems.push(...(await compare({ agency: code, from: period.from, to: period.to, scope, view })));
          compared++;
        }
      }
    }
  }
  assert.deepEqual(problems.slice(0, 40), [], `${problems.length} differences over ${compared} queries`);
});

test('the city figures are not trivially empty', async (t) => {
  if (!requireOrSkip(postgresAvailable(), 'PostgreSQL', t)) return;
  const city = await kpiSummary(warehouse, { agency: '000.00.00.H26', from: '2024-01-01', to: '2024-12-31', scope: 'subtree', view: 'as_was' }, today);
  assert.ok(city.incoming.received > 1000, `received ${city.incoming.received}`);
  assert.ok(city.incoming.completed_late > 0 && city.incoming.open_overdue > 0);
  assert.ok(city.outgoing.issued > 0 && city.work_files.opened > 0);
  assert.ok(city.adoption.agencies > 500);
});

import { readFileSync } from 'node:fs';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const ids = (await queryRows<{ id: number }>(w, 'select agency_id as id from analytics.dim_agency')).map((r) => Number(r.id));
const params = { agencies: ids, as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, q: string, settings: Record<string, unknown> = {}) {
  const fn = () => w.query({ query: q, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings as any }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2), 'p95', s[28]!.toFixed(2));
}
const u = readFileSync('/tmp/b/kpi_union.sql', 'utf8');
const branches = u.split(/\nunion all\n/);
// (`branch ${i} ${b.replace(/--.*\n/g, '').trim().slice(0, 60).replace(/\s+/g, ' ')}`, b);
// await lat('union', u);
// await lat('union max_threads 2', u, { max_threads: 2 });
await closeWarehouse(w);
{
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const u = readFileSync('/tmp/b/kpi_union.sql', 'utf8');
const b8 = u.split(/\nunion all\n/)[8]!;
const short = { ...params, agencies: [1, 2, 3] };
for (const [label, q, p, s] of [
  ['b8 long array', b8, params, {}], ['b8 short array', b8, short, {}],
  ['b8 old analyzer', b8, params, { enable_analyzer: 0 }],
  ['union old analyzer', u, params, { enable_analyzer: 0 }],
  ['union short array', u, short, {}],
] as const) {
  const fn = () => w.query({ query: q, query_params: p, format: 'JSONEachRow', clickhouse_settings: s as any }).then((r) => r.json());
  await fn(); const t: number[] = [];
  for (let i = 0; i < 30; i++) { const a = performance.now(); await fn(); t.push(performance.now() - a); }
  t.sort((a, b) => a - b); console.log(label.padEnd(30), 'p50', t[15]!.toFixed(2));
}
await closeWarehouse(w);
}

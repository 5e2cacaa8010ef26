import { readFileSync } from 'node:fs';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const ids = (await queryRows<{ id: number }>(w, 'select agency_id as id from analytics.dim_agency')).map((r) => Number(r.id));
const params = { agencies: [5], as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, q: string, p: Record<string, unknown> = params) {
  const fn = () => w.query({ query: q, query_params: p, format: 'JSONEachRow' }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2), 'p95', s[28]!.toFixed(2));
}
const q = readFileSync('api/src/kpi/kpi_summary.sql', 'utf8');
await lat('full', q); if (process.argv[3]) { await closeWarehouse(w); } else {
await lat('full city', q, { ...params, agencies: ids });
await lat('one sumIf', "select sumIf(received, day between {from:Date32} and {to:Date32}) from analytics.agg_agency_daily where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}");
await lat('10 sumIf', "select " + Array.from({ length: 10 }, (_, i) => `sumIf(received + ${i}, day between {from:Date32} and {to:Date32})`).join(',') + " from analytics.agg_agency_daily where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}");
await lat('sumMap', "select sumMapIf(processing_days_keys, processing_days_counts, day between {from:Date32} and {to:Date32}) from analytics.agg_agency_daily where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}");
await lat('scope query', readFileSync('api/src/kpi/agency_scope.sql', 'utf8'), { code: '000.00.00.H26', subtree: true });
await lat('settings read', "select value from system.settings where name='max_threads'");
}
await closeWarehouse(w);
{
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const params = { agencies: [5], as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
const q = readFileSync('api/src/kpi/kpi_summary.sql', 'utf8');
async function lat(label: string, q: string) {
  const fn = () => w.query({ query: q, query_params: params, format: 'JSONEachRow' }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2));
}
const noAdoption = q.replace(/\(\s*select groupUniqArray[\s\S]*?\) as adoption_group/, '[1,2,3] as adoption_group');
await lat('no adoption subquery', noAdoption);
const noMaps = noAdoption.replace(/arrayZip\(sumMapIf\(processing[\s\S]*?as processing_days_histogram/, '[] as processing_days_histogram').replace(/arrayZip\(sumMapIf\(drafting[\s\S]*?as drafting_days_histogram/, '[] as drafting_days_histogram');
await lat('no adoption, no maps', noMaps);
const noCohort = noMaps.replace(/sumIf\(arrayCount[^\n]*\n/, '0 as cohort_completed,\n');
await lat('no adoption, maps, cohort', noCohort);
await closeWarehouse(w);
}

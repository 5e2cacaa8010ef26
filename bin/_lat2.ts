import { readFileSync } from 'node:fs';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const ids = (await queryRows<{ id: number }>(w, 'select agency_id as id from analytics.dim_agency')).map((r) => Number(r.id));
const sql = readFileSync('api/src/kpi/kpi_summary.sql', 'utf8');
const params = { agencies: ids, as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, fn: () => Promise<unknown>) {
  await fn(); const s: number[] = [];
  for (let i = 0; i < 20; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label, 'p50', s[10]!.toFixed(1), 'p95', s[19]!.toFixed(1));
}
await lat('summary sql', () => queryRows(w, sql, params));
const inlined = sql.replace('{agencies:Array(Int64)}', `[${ids.join(',')}]`).replaceAll('{agencies:Array(Int64)}', `[${ids.join(',')}]`).replaceAll('{as_is:Bool}', 'false').replaceAll('{from:Date32}', "toDate32('2025-01-01')").replaceAll('{to:Date32}', "toDate32('2025-12-31')").replaceAll('{as_of:Date32}', "toDate32('2025-12-31')");
await lat('summary inlined', () => queryRows(w, inlined));
const noIf = inlined.replaceAll('if(false, current_agency_id, agency_id)', 'agency_id');
await lat('summary no-if', () => queryRows(w, noIf));
await lat('one sum with param array', () => queryRows(w, 'select sum(received) from analytics.agg_incoming_received_daily where day between {from:Date32} and {to:Date32} and agency_id in {agencies:Array(Int64)}', params));
await lat('cohort alone', () => queryRows(w, "select countIf(completed_date is not null and completed_date <= {as_of:Date32}) from analytics.fct_incoming_document where received_date between {from:Date32} and {to:Date32} and status not in ('withdrawn','returned') and agency_id in {agencies:Array(Int64)}", params));
await lat('data as of', () => queryRows(w, 'select toUnixTimestamp64Milli(max(data_as_of)) as ms from analytics._model_builds having count(data_as_of) > 0'));
await closeWarehouse(w); {
const w2 = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const u = readFileSync('/tmp/b/kpi_union.sql', 'utf8');
await lat('union', () => queryRows(w2, u, params));
console.log(await queryRows(w2, u, params).then((r) => r.length));
await closeWarehouse(w2);
}

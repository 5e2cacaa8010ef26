import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const ids = (await queryRows<{ id: number }>(w, 'select agency_id as id from analytics.dim_agency')).map((r) => Number(r.id));
const params = { agencies: ids, as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, q: string, settings: Record<string, unknown> = {}) {
  const fn = () => w.query({ query: q, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings as any }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 40; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[20]!.toFixed(2), 'p95', s[38]!.toFixed(2));
}
const base = "select sum(received) from analytics.agg_incoming_received_daily where day between {from:Date32} and {to:Date32}";
await lat('select 1', 'select 1');
await lat('no IN', base);
await lat('IN param', base + ' and agency_id in {agencies:Array(Int64)}');
await lat('IN param max_threads=1', base + ' and agency_id in {agencies:Array(Int64)}', { max_threads: 1 });
await lat('IN param if', base + ' and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}');
await lat('has()', base + ' and has({agencies:Array(Int64)}, agency_id)');
await lat('IN param two sums', "select sum(received), sum(online) from analytics.agg_incoming_received_daily where day between {from:Date32} and {to:Date32} and agency_id in {agencies:Array(Int64)}");
await lat('union of 2', `${base} and agency_id in {agencies:Array(Int64)} union all ${base} and agency_id in {agencies:Array(Int64)}`);
await lat('union of 4', `${base} union all ${base} union all ${base} union all ${base}`);
await lat('union of 4 single thread', `${base} union all ${base} union all ${base} union all ${base}`, { max_threads: 1 });
console.log(await queryRows(w, "select name, value from system.settings where name in ('max_threads','max_block_size','use_uncompressed_cache','preferred_block_size_bytes')"));
console.log(await queryRows(w, "select table, count() parts, sum(rows) from system.parts where database='analytics' and active group by table"));
await closeWarehouse(w);

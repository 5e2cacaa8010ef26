import { connectWarehouse, closeWarehouse } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const params = { agencies: [5], as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, q: string, settings: Record<string, unknown> = {}) {
  const fn = () => w.query({ query: q, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings as any }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2));
}
await w.command({ query: 'drop table if exists analytics.t_mem' });
await w.command({ query: 'drop table if exists analytics.t_compact' });
await w.command({ query: 'create table analytics.t_mem engine = Memory as select * from analytics.agg_agency_daily' });
await w.command({ query: "create table analytics.t_compact engine = MergeTree order by (day, agency_id) settings min_bytes_for_wide_part = '10G', min_rows_for_wide_part = 100000000 as select * from analytics.agg_agency_daily" });
const cols = ['received','returned','online','interconnected','completed','completed_on_time','completed_late','completed_no_deadline','processing_days_sum','open_change','overdue_change','issued','digitally_signed','dispatches','electronic_dispatches','work_files_opened','electronic_work_files'];
for (const t of ['agg_agency_daily', 't_mem', 't_compact']) {
  const q = 'select ' + cols.map((c) => `sum(${c}) as s_${c}`).join(', ') + ` from analytics.${t} where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}`;
  await lat(t, q);
  await lat(t + ' 1 col', `select sum(received) from analytics.${t} where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}`);
}
const q = 'select ' + cols.map((c) => `sum(${c}) as s_${c}`).join(', ') + ` from analytics.agg_agency_daily where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}`;
await lat('uncompressed cache', q, { use_uncompressed_cache: 1 });
await lat('no  mark cache?', q, { local_filesystem_read_method: 'pread' });
await lat('mmap', q, { local_filesystem_read_method: 'mmap', min_bytes_to_use_mmap_io: 1 });
console.log(await w.query({ query: "select part_type, marks from system.parts where table='agg_agency_daily' and active", format: 'JSONEachRow' }).then((r) => r.json()));
await closeWarehouse(w);

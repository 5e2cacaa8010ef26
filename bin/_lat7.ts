import { connectWarehouse, closeWarehouse } from '@vanban/common';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const params = { agencies: [5], as_is: false, from: '2025-01-01', to: '2025-12-31', as_of: '2025-12-31' };
async function lat(label: string, q: string, settings: Record<string, unknown> = {}) {
  const fn = () => w.query({ query: q, query_params: params, format: 'JSONEachRow', clickhouse_settings: settings as any }).then((r) => r.json());
  await fn(); const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await fn(); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(label.padEnd(40), 'p50', s[15]!.toFixed(2));
}
const cols = ['received','returned','online','interconnected','completed','completed_on_time','completed_late','completed_no_deadline','processing_days_sum','open_change','overdue_change','issued','digitally_signed','dispatches','electronic_dispatches','work_files_opened','electronic_work_files'];
const where = " from analytics.agg_agency_daily where day <= {to:Date32} and agency_id in {agencies:Array(Int64)}";
await lat('17 sumIf literal cond', 'select ' + cols.map((c) => `sumIf(${c}, day between {from:Date32} and {to:Date32}) as s_${c}`).join(', ') + where);
await lat('17 sum no cond', 'select ' + cols.map((c) => `sum(${c}) as s_${c}`).join(', ') + where);
await lat('17 sumIf with alias', 'with day between {from:Date32} and {to:Date32} as p select ' + cols.map((c) => `sumIf(${c}, p) as s_${c}`).join(', ') + where);
await lat('17 sumIf with if-agency', 'with if({as_is:Bool}, current_agency_id, agency_id) as a select ' + cols.map((c) => `sumIf(${c}, day between {from:Date32} and {to:Date32}) as s_${c}`).join(', ') + " from analytics.agg_agency_daily where day <= {to:Date32} and a in {agencies:Array(Int64)}");
await lat('17 sum via -State? sumForEach', 'select sumForEach([' + cols.join(',') + '])' + where);
await lat('17 sumIf compile', 'select ' + cols.map((c) => `sumIf(${c}, day between {from:Date32} and {to:Date32}) as s_${c}`).join(', ') + where, { compile_aggregate_expressions: 0, compile_expressions: 0 });
await lat('17 sumIf no analyzer', 'select ' + cols.map((c) => `sumIf(${c}, day between {from:Date32} and {to:Date32}) as s_${c}`).join(', ') + where, { enable_analyzer: 0 });
await closeWarehouse(w);

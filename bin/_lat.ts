import { connectWarehouse, closeWarehouse } from '@vanban/common';
import { kpiSummary } from '@vanban/api';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const q = { agency: '000.00.00.H26', from: '2025-01-01', to: '2025-12-31', scope: 'subtree', view: 'as_was' } as const;
await kpiSummary(w, q, '2026-10-31');
const s: number[] = [];
for (let i = 0; i < 30; i++) { const t = performance.now(); await kpiSummary(w, q, '2026-10-31'); s.push(performance.now() - t); }
s.sort((a, b) => a - b); console.log('kpiSummary city p50', s[15]!.toFixed(1), 'p95', s[28]!.toFixed(1));
const t0: number[] = [];
for (let i = 0; i < 30; i++) { const t = performance.now(); await (await w.query({ query: 'select 1', format: 'JSONEachRow' })).json(); t0.push(performance.now() - t); }
t0.sort((a, b) => a - b); console.log('select 1 p50', t0[15]!.toFixed(2));
const t1: number[] = [];
for (let i = 0; i < 30; i++) { const t = performance.now(); await (await w.query({ query: 'select sum(received) from analytics.agg_incoming_received_daily where day between \'2025-01-01\' and \'2025-12-31\'', format: 'JSONEachRow' })).json(); t1.push(performance.now() - t); }
t1.sort((a, b) => a - b); console.log('one agg sum p50', t1[15]!.toFixed(2));
await closeWarehouse(w);

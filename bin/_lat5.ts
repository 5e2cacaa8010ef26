import { connectWarehouse, closeWarehouse } from '@vanban/common';
import { buildModels } from '@vanban/transform';
import { kpiSummary } from '@vanban/api';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
if (process.argv[3] === 'build') await buildModels(w, { select: ['agg_incoming_open_daily', 'agg_agency_daily', 'agg_agency_monthly'], skipCalendar: true });
for (const [scope, agency, view] of [['subtree', '000.00.00.H26', 'as_was'], ['subtree', '000.00.00.H26', 'as_is'], ['self', '000.00.31.H26', 'as_was']] as const) {
  const q = { agency, from: '2025-01-01', to: '2025-12-31', scope, view } as const;
  console.log(JSON.stringify(await kpiSummary(w, q, '2026-10-31')).slice(0, 400));
  const s: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); await kpiSummary(w, q, '2026-10-31'); s.push(performance.now() - t); }
  s.sort((a, b) => a - b); console.log(scope, view, 'p50', s[15]!.toFixed(1), 'p95', s[28]!.toFixed(1));
}
await closeWarehouse(w);

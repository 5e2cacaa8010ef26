import { readFileSync } from 'node:fs';
import { connectWarehouse, closeWarehouse, queryRows } from '@vanban/common';
import { resolveScope } from '@vanban/api';
const w = await connectWarehouse({ dataDir: process.argv[2]!, clickhouseUser: 'default', clickhousePassword: '' });
const oldSql = readFileSync('/tmp/b/old_kpi.sql', 'utf8');
const newSql = readFileSync('api/src/kpi/kpi_summary.sql', 'utf8');
const periods = [['2025-01-01', '2025-12-31', '2025-12-31'], ['2025-04-01', '2025-09-30', '2025-09-30'], ['2025-06-15', '2025-07-20', '2025-07-20'], ['2024-02-03', '2024-02-27', '2024-02-27'], ['2026-10-01', '2026-12-31', '2026-10-31'], ['2022-01-01', '2026-10-31', '2026-10-31'], ['2025-03-10', '2025-05-31', '2025-05-31']];
let diffs = 0, n = 0;
for (const [code, scope] of [['000.00.00.H26', 'subtree'], ['000.00.31.H26', 'subtree'], ['000.00.31.H26', 'self'], ['000.00.05.H26', 'self']] as const) {
  const agency = await resolveScope(w, code, scope);
  for (const as_is of [false, true]) for (const [from, to, as_of] of periods) {
    const params = { agencies: agency.scope_agency_ids, as_is, from, to, as_of };
    const [a] = await queryRows<Record<string, unknown>>(w, oldSql, params);
    const [b] = await queryRows<Record<string, unknown>>(w, newSql, params);
    n++;
    for (const k of Object.keys(a!)) if (JSON.stringify(a![k]) !== JSON.stringify(b![k])) { diffs++; console.log(code, scope, as_is, from, to, k, JSON.stringify(a![k]).slice(0, 100), JSON.stringify(b![k]).slice(0, 100)); }
  }
}
console.log('compared', n, 'queries; differing fields', diffs);
await closeWarehouse(w);

// working_days of kpi.md (Comparisons): the working days in P = wd(to) − wd(from − 1), with wd from
// the models (int_working_days), so the rule lives in dbt only. The calendar is read once per model
// build and kept: a query per summary cost 3–5 ms of its 23–32 ms at scale 1, as chdb runs queries with
// parameters one at a time. A calendar file an operator drops in is built into the models as a new
// build, which reloads it here.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { dayOf } from './periods.js';

const workingDaysSql = readSql(new URL('./working_days.sql', import.meta.url));

/** wd(D) by D's offset from the calendar's first date. */
interface WorkingDayCounts { firstDay: number; wd: readonly number[] }

const cache = new WeakMap<Warehouse, { build: string | null; wd: Promise<WorkingDayCounts> }>();

function workingDayCounts(client: Warehouse, build: string | null): Promise<WorkingDayCounts> {
  const cached = cache.get(client);
  if (cached && cached.build === build) return cached.wd;
  const wd = queryRows<{ first: string; wd: (number | string)[] }>(client, workingDaysSql)
    .then(([row]) => ({ firstDay: dayOf(row!.first), wd: row!.wd.map(Number) }));
  cache.set(client, { build, wd });
  // A failed read is not kept: the next request tries again.
  wd.catch(() => { if (cache.get(client)?.wd === wd) cache.delete(client); });
  return wd;
}

/**
 * The working days in [from, to] by the calendar of model build `build` (currentBuild's buildId).
 * The day before the calendar's first (2000-01-01) counts 0; periods are validated to lie inside it.
 */
export async function workingDaysIn(client: Warehouse, from: string, to: string, build: string | null): Promise<number> {
  const { firstDay, wd } = await workingDayCounts(client, build);
  const at = (day: number) => wd[day - firstDay] ?? 0;
  return at(dayOf(to)) - at(dayOf(from) - 1);
}

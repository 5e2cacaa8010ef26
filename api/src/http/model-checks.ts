// The safety net under the incremental models (transform/src/verify.ts) for /metrics: how often
// the models were checked against a full build, how many tables differed (and were repaired), and
// when the last check ran. None before the ingest service's first check has created the table.
import { queryRows, type Warehouse } from '@vanban/common';

export interface ModelChecks { checks: number; differences: number; lastCheckedSeconds: number | null }

export async function modelChecks(client: Warehouse): Promise<ModelChecks> {
  try {
    const [row] = await queryRows<{ checks: string; differences: string; last: string | null }>(client,
      `select toString(uniqExact(checked_at)) as checks, toString(countIf(equal = 0)) as differences,
              if(count() = 0, null, toString(toUnixTimestamp64Milli(max(checked_at)) / 1000)) as last
       from analytics._model_checks`);
    return { checks: Number(row?.checks ?? 0), differences: Number(row?.differences ?? 0), lastCheckedSeconds: row?.last == null ? null : Number(row.last) };
  } catch (error) {
    if (/UNKNOWN_TABLE|Unknown table|doesn't exist|does not exist/i.test((error as Error).message)) return { checks: 0, differences: 0, lastCheckedSeconds: null };
    throw error;
  }
}

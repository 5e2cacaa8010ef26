// What a reader reads the models as of: data_as_of, the newest source commit the builds vouched for.
// The wide table's day and month rows are written by one insert per refresh, so a reader sees a batch
// in both or in neither (dbt/models/marts/agg_agency_daily.sql).
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { hanoiTime } from './periods.js';

export interface CurrentBuild {
  /** The source commit time of the newest change the models include, Asia/Ho_Chi_Minh with its offset. */
  dataAsOf: string | null;
  /** The newest model build's id: what the models hold changes with it, data_as_of or not. */
  buildId: string | null;
}

const currentBuildSql = readSql(new URL('./current_build.sql', import.meta.url));

export async function currentBuild(client: Warehouse): Promise<CurrentBuild> {
  const [row] = await queryRows<{ ms: number | string | null; build: string }>(client, currentBuildSql);
  return {
    // max() over no non-null value is the epoch: no build has vouched for anything yet.
    dataAsOf: row && row.ms !== null && Number(row.ms) > 0 ? hanoiTime(Number(row.ms)) : null,
    buildId: row?.build ?? null,
  };
}

// What a reader reads: the build published last, with data_as_of, the newest source commit its models
// include. The wide table's day and month rows are written by one insert per refresh, so a reader
// sees a batch in both or in neither (dbt/models/marts/agg_agency_daily.sql). Builds before the
// models were incremental published versions under other names; the latest row names none now.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { hanoiTime } from './periods.js';

/** The table of the KPI summary, as the build published it (its plain name unless versioned). */
export interface BuildTables { daily: string }

export interface CurrentBuild {
  /** The source commit time of the newest change the models include, Asia/Ho_Chi_Minh with its offset. */
  dataAsOf: string | null;
  tables: BuildTables;
}

const currentBuildSql = readSql(new URL('./current_build.sql', import.meta.url));

export async function currentBuild(client: Warehouse): Promise<CurrentBuild> {
  const [row] = await queryRows<{ ms: number | string | null }>(client, currentBuildSql);
  return {
    // max() over no non-null value is the epoch: no build has vouched for anything yet.
    dataAsOf: row && row.ms !== null && Number(row.ms) > 0 ? hanoiTime(Number(row.ms)) : null,
    tables: { daily: 'agg_agency_daily' },
  };
}

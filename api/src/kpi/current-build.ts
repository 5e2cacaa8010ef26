// What a reader reads: the build published last. A build publishes the versions of the tables one
// query reads together (the monthly and daily wide tables) in one row, so resolving that row once
// and reading those versions never combines two builds (transform/src/build.ts).
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { hanoiTime } from './periods.js';

/** The tables of the KPI summary, as versions of one build (plain names before any versioned build). */
export interface BuildTables { daily: string; monthly: string }

export interface CurrentBuild {
  /** The source commit time of the newest change the models include, Asia/Ho_Chi_Minh with its offset. */
  dataAsOf: string | null;
  tables: BuildTables;
}

const currentBuildSql = readSql(new URL('./current_build.sql', import.meta.url));

export async function currentBuild(client: Warehouse): Promise<CurrentBuild> {
  const [row] = await queryRows<{ ms: number | string | null; published: Record<string, string> }>(client, currentBuildSql);
  const published = row?.published ?? {};
  return {
    // max() over no non-null value is the epoch: no build has vouched for anything yet.
    dataAsOf: row && row.ms !== null && Number(row.ms) > 0 ? hanoiTime(Number(row.ms)) : null,
    tables: { daily: published['agg_agency_daily'] ?? 'agg_agency_daily', monthly: published['agg_agency_monthly'] ?? 'agg_agency_monthly' },
  };
}

// Data-quality problems the models find in the source and report rather than absorb (kpi.md: no
// document may vanish). Read after a build, from the small dq_ tables, for the runner's log.
import { queryRows, type Warehouse } from '@vanban/common';
import { modelsDatabase } from './project.js';

export interface OutsideCalendar { document: string; date_kind: string; agencies: number; documents: number; first_date: string; last_date: string }

/** Documents with a date outside the working-day calendar, by kind of document and date. */
export async function outsideCalendar(client: Warehouse): Promise<OutsideCalendar[]> {
  const rows = await queryRows<OutsideCalendar>(client, `
    select document, date_kind, toUInt64(uniqExact(agency_id)) as agencies, toUInt64(count()) as documents,
           toString(min(date)) as first_date, toString(max(date)) as last_date
    from ${modelsDatabase}.dq_outside_calendar final
    group by document, date_kind
    order by document, date_kind`);
  return rows.map((row) => ({ ...row, agencies: Number(row.agencies), documents: Number(row.documents) }));
}

/** One log line per kind of problem found; nothing when the data is clean. */
export async function logDataQuality(client: Warehouse, log: (line: string) => void): Promise<void> {
  for (const row of await outsideCalendar(client)) {
    log(`data quality: ${row.documents} ${row.document} documents of ${row.agencies} agencies have a ${row.date_kind} date outside the working-day calendar `
      + `(${row.first_date} … ${row.last_date}); they count, without a duration in working days (analytics.dq_outside_calendar)`);
  }
}

// Data-quality problems the models report rather than absorb (kpi.md: no document may vanish), for
// /metrics: how many documents have a date outside the working-day calendar. A small table (one row
// per such document and kind of date), so the count is cheap.
import { queryRows, type Warehouse } from '@vanban/common';

/** Documents in analytics.dq_outside_calendar; null before the first build has created it. */
export async function documentsOutsideCalendar(client: Warehouse): Promise<number | null> {
  try {
    const [row] = await queryRows<{ documents: string | number }>(client, 'select toString(count()) as documents from analytics.dq_outside_calendar final');
    return Number(row?.documents ?? 0);
  } catch (error) {
    if (/UNKNOWN_TABLE|doesn't exist|does not exist/i.test((error as Error).message)) return null;
    throw error;
  }
}

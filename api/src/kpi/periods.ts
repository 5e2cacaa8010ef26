// Periods, the as-of date and the Plan 222/KH-UBND targets of shared/spec/kpi.md.

export type AgencyKind = 'city' | 'department' | 'district' | 'commune' | 'other';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!isoDay.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving). */
export function localToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** A = min(to, today): the day at which stocks (open documents) are read. */
export function asOfDate(to: string, today: string): string {
  return to < today ? to : today;
}

/**
 * Target for online_rate by the requested agency's kind and the period's end date. The city (and
 * `other`) use the department column; districts and "units under them" the district column.
 */
export function onlineRateTarget(kind: AgencyKind, periodTo: string): number | null {
  if (periodTo >= '2023-01-01') return 1;
  if (periodTo >= '2022-10-01') {
    if (kind === 'district') return 0.8;
    if (kind === 'commune') return 0.7;
    return 1;
  }
  return null;
}

// Periods, the as-of date and the Plan 222/KH-UBND targets of shared/spec/kpi.md.

export type AgencyKind = 'city' | 'department' | 'district' | 'commune' | 'other';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!isoDay.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
}

/** The dates the warehouse can hold (ClickHouse's Date32 runs from 1900-01-01 to 2299-12-31). */
export const warehouseDates = { from: '1900-01-01', to: '2299-12-31' } as const;

/** A moment in Asia/Ho_Chi_Minh time with its offset (UTC+7, no daylight saving): "2026-11-25T09:03:04.123+07:00". */
export function hanoiTime(ms: number): string {
  return new Date(ms + 7 * 3_600_000).toISOString().replace('Z', '+07:00');
}

/** Today's date in Asia/Ho_Chi_Minh. */
export function localToday(now = new Date()): string {
  return hanoiTime(now.getTime()).slice(0, 10);
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

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const reportPeriodKinds = ['monthly', 'quarterly', 'half', 'yearly'] as const;
export type ReportPeriodKind = (typeof reportPeriodKinds)[number];
export interface DateRange { from: string; to: string }

/**
 * The reporting period of Decree 09/2019/NĐ-CP (kpi.md) of this kind that contains `date`: data cut
 * off on the 14th — a month runs from the 15th of the month before, a quarter from the 15th of the
 * month before it, six months and a year from 15 December of the year before.
 */
export function statutoryPeriod(kind: ReportPeriodKind, date: string): DateRange & { year: number; number: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // The reporting month that holds the date: after the 14th it is the next calendar month.
  const [ry, rm] = d >= 15 ? (m === 12 ? [y + 1, 1] : [y, m + 1]) : [y, m];
  const start = (month: number) => (month === 1 ? iso(ry - 1, 12, 15) : iso(ry, month - 1, 15));
  switch (kind) {
    case 'monthly': return { from: start(rm), to: iso(ry, rm, 14), year: ry, number: rm };
    case 'quarterly': { const end = Math.ceil(rm / 3) * 3; return { from: start(end - 2), to: iso(ry, end, 14), year: ry, number: end / 3 }; }
    case 'half': { const end = rm <= 6 ? 6 : 12; return { from: start(end - 5), to: iso(ry, end, 14), year: ry, number: end / 6 }; }
    case 'yearly': return { from: iso(ry - 1, 12, 15), to: iso(ry, 12, 14), year: ry, number: 1 };
  }
}

/** The calendar period (1st to last day) of this kind that contains `date`. */
export function calendarPeriod(kind: ReportPeriodKind, date: string): DateRange {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const months = { monthly: 1, quarterly: 3, half: 6, yearly: 12 }[kind];
  const first = Math.floor((m - 1) / months) * months + 1;
  const last = first + months - 1;
  return { from: iso(y, first, 1), to: iso(y, last, lastDay(y, last)) };
}

/**
 * The period before `period`, of the same length, ending the day before it begins: whole months
 * (1st → last day, or 15th → 14th) step back by as many months (the quarter before a quarter, the
 * year before a year); any other range steps back by as many days.
 */
export function previousPeriod(period: DateRange): DateRange {
  const day = 86_400_000;
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const after = new Date(Date.parse(`${period.to}T00:00:00Z`) + day);
  const start = new Date(from);
  const dayBefore = new Date(from - day).toISOString().slice(0, 10);
  if (after.getUTCDate() === start.getUTCDate() && start.getUTCDate() <= 28) {
    const months = (after.getUTCFullYear() - start.getUTCFullYear()) * 12 + after.getUTCMonth() - start.getUTCMonth();
    const back = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() - months, start.getUTCDate()));
    return { from: back.toISOString().slice(0, 10), to: dayBefore };
  }
  const length = after.getTime() - from;
  return { from: new Date(from - length).toISOString().slice(0, 10), to: dayBefore };
}

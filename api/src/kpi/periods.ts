// Periods, the as-of date and the Plan 222/KH-UBND targets of shared/spec/kpi.md.
import { BadRequestError } from '../request-errors.js';
import { isCalendarDate } from '@vanban/common/calendar-date';

/** True for a real calendar date written YYYY-MM-DD (rejects 2025-02-30), any year 0000–9999. */
export { isCalendarDate };

export type AgencyKind = 'city' | 'department' | 'district' | 'commune' | 'other';

/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic (H. Hinnant's
 * days_from_civil). Date.UTC would read years 0–99 as 1900–1999 and toISOString writes year 10000
 * as "+010000", which sorts before "9999-…": neither is used on dates a caller sent.
 */
export function dayNumber(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The date of a day number (the inverse of dayNumber), YYYY-MM-DD with a four-digit year. */
export function dateOfDay(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The day number of a YYYY-MM-DD text (unchecked: call isCalendarDate first). */
export function dayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return dayNumber(y, m, d);
}


/**
 * The dates the warehouse holds: the span of its working-day calendar (int_working_days.sql, every
 * date 2000-01-01 … 2035-12-31 with wd(date)). No duration or deadline can be counted outside it,
 * and Date32 arithmetic near its own edges wraps around (2299-12-31 + 1 is 1900-01-01, so a single
 * day in 2299 read the whole history). Every date a caller sends — API parameters, a report's
 * `at`, `npm run report --at` — is checked against this range by checkDate, once, here.
 */
export const warehouseDates = { from: '2000-01-01', to: '2035-12-31' } as const;

/**
 * The date of parameter `name` if it is a real date inside warehouseDates; a BadRequestError (400,
 * or the CLI's message) naming the parameter and the range otherwise.
 */
export function checkDate(name: string, value: string): string {
  if (!isCalendarDate(value)) throw new BadRequestError(`"${name}" is not a real date: ${value} (expected YYYY-MM-DD)`);
  if (value < warehouseDates.from || value > warehouseDates.to) {
    throw new BadRequestError(`"${name}" (${value}) is outside the dates the warehouse holds: ${warehouseDates.from} to ${warehouseDates.to}`);
  }
  return value;
}

/**
 * A period [from, to] of real dates inside the warehouse's range, not empty, and, given `today`, not
 * starting after it: a future period has no documents, and its as-of date (min(to, today)) would
 * fall before its start.
 */
export function validatePeriod(from: string, to: string, today?: string): void {
  checkDate('from', from);
  checkDate('to', to);
  if (from > to) throw new BadRequestError(`The period is empty: "from" (${from}) is after "to" (${to})`);
  if (today !== undefined && from > today) throw new BadRequestError(`The period starts after today (${today}): "from" is ${from}; there is nothing to count yet`);
}

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

/**
 * The figures Plan 222/KH-UBND sets a target for (kpi.md, All targets), as paths in the answer, in the
 * order `targets` lists them.
 */
export const plannedFigures = ['incoming.online_rate', 'work_files.electronic_rate', 'adoption.adoption_rate',
  'incoming.interconnected_rate', 'outgoing.electronic_dispatch_rate'] as const;
export type PlannedFigure = (typeof plannedFigures)[number];

/**
 * The target of a planned figure: the online rate's by kind and period end for the online rate and
 * the work files kept electronically ("xử lý văn bản, lập hồ sơ công việc … trên Hệ thống"), and 1.00
 * for adoption, interconnection and electronic dispatch for periods ending from 2022-10-01.
 */
export function planTarget(figure: PlannedFigure, kind: AgencyKind, periodTo: string): number | null {
  if (figure === 'incoming.online_rate' || figure === 'work_files.electronic_rate') return onlineRateTarget(kind, periodTo);
  return periodTo >= '2022-10-01' ? 1 : null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
/** The number of the last day of month m (1–12) of year y. */
export const lastDay = (y: number, m: number) => (m === 12 ? 31 : dayNumber(y, m + 1, 1) - dayNumber(y, m, 1));

/** The day number (dayOf) of the last day of the month `date` falls in. */
export function monthEndOf(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return dayOf(date) - day + lastDay(year, month);
}

/**
 * The calendar months inside the period from–to, which a period adds up by their month rows
 * (periodKeys; the rest of the period by its day rows): [months_from, months_until), first days of months,
 * empty when months_from is not before months_until. The first is from's month when from is a 1st,
 * else the next; the period's months end with to's month when to is its last day, else before it.
 * Worked out here rather than in the SQL: each expression of a query costs ClickHouse planning time
 * (measured at scale 1: 0.7 ms of one agency's 6.5).
 */
export function wholeMonthsOf(from: string, to: string): { months_from: string; months_until: string } {
  const [fromYear, fromMonth, fromDay] = from.split('-').map(Number) as [number, number, number];
  const [toYear, toMonth, toDay] = to.split('-').map(Number) as [number, number, number];
  const nextMonth = (y: number, m: number) => (m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1));
  return {
    months_from: fromDay === 1 ? from : nextMonth(fromYear, fromMonth),
    months_until: toDay === lastDay(toYear, toMonth) ? nextMonth(toYear, toMonth) : iso(toYear, toMonth, 1),
  };
}

/**
 * The rows of agg_agency_daily (agg_city_daily) that add up to the period from–to, as (grain, day)
 * keys in day order: the month row of each calendar month inside it (wholeMonthsOf), the day row of
 * each of its other days. kpi_period.sql and kpi_period_rows.sql read these keys by list: ClickHouse
 * plans a list of keys faster than the same rows said by ranges (two ranges, one negated, took
 * 0.6–1.3 ms more at scale 0.1 for the city, a district and one agency).
 */
export function periodKeys(from: string, to: string): [grain: 'day' | 'month', day: string][] {
  const { months_from, months_until } = wholeMonthsOf(from, to);
  const keys: [grain: 'day' | 'month', day: string][] = [];
  const days = (first: number, last: number) => { for (let day = first; day <= last; day++) keys.push(['day', dateOfDay(day)]); };
  if (months_from >= months_until) {
    days(dayOf(from), dayOf(to));
    return keys;
  }
  days(dayOf(from), dayOf(months_from) - 1);
  // Month by month in between: a long period stays a few hundred steps.
  for (let month = months_from; month < months_until; month = dateOfDay(monthEndOf(month) + 1)) keys.push(['month', month]);
  days(dayOf(months_until), dayOf(to));
  return keys;
}

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
  const [fy, fm, fd] = period.from.split('-').map(Number) as [number, number, number];
  const from = dayOf(period.from);
  const after = dateOfDay(dayOf(period.to) + 1);
  const [ay, am, ad] = after.split('-').map(Number) as [number, number, number];
  const dayBefore = dateOfDay(from - 1);
  if (ad === fd && fd <= 28) {
    const months = (ay - fy) * 12 + am - fm;
    const back = fy * 12 + (fm - 1) - months;
    return { from: iso(Math.floor(back / 12), (back % 12 + 12) % 12 + 1, fd), to: dayBefore };
  }
  const length = dayOf(after) - from;
  return { from: dateOfDay(from - length), to: dayBefore };
}

/**
 * The periods a figure of P is compared with (kpi.md, Comparisons): the previous one of the same kind
 * (previousPeriod: the previous statutory or calendar month, quarter, half or year, or as many days
 * just before any other range), and the same dates one year earlier, 29 February read as 28 February.
 */
export function comparedPeriods(from: string, to: string): { previous: DateRange; last_year: DateRange } {
  const yearEarlier = (date: string) => {
    const [y, m, d] = date.split('-').map(Number) as [number, number, number];
    return iso(y - 1, m, m === 2 && d === 29 ? 28 : d);
  };
  return {
    previous: previousPeriod({ from, to }),
    last_year: { from: yearEarlier(from), to: yearEarlier(to) },
  };
}

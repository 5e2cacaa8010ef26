// The working-day calendar of state agencies (data/reference/calendar/vn_calendar.csv): a working
// day is Monday–Friday not declared a holiday or day off, plus declared make-up Saturdays/Sundays.
import { readFileSync } from 'node:fs';

export const msPerDay = 86_400_000;
/** Asia/Ho_Chi_Minh is UTC+7 all year. */
export const localOffsetMs = 7 * 3_600_000;

export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / msPerDay);
}

export function dateOf(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

export class WorkingCalendar {
  private readonly offDays = new Set<number>();
  private readonly makeupDays = new Set<number>();

  constructor(csvPath: string) {
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [date, kind] = line.split(',');
      if (!date || !kind) continue;
      if (kind === 'makeup_workday') this.makeupDays.add(dayNumber(date));
      else if (kind === 'holiday' || kind === 'day_off') this.offDays.add(dayNumber(date));
    }
  }

  isWorkingDay(day: number): boolean {
    if (this.makeupDays.has(day)) return true;
    const weekday = new Date(day * msPerDay).getUTCDay();
    return weekday !== 0 && weekday !== 6 && !this.offDays.has(day);
  }

  /** The n-th working day after `day` (n ≥ 0; n = 0 gives the next working day on or after it). */
  addWorkingDays(day: number, n: number): number {
    let d = day;
    while (!this.isWorkingDay(d)) d++;
    for (let left = n; left > 0; ) {
      d++;
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }
}

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

/** A day of the Tết Nguyên đán break as the calendar names it: "Tết Ất Tỵ mùng 1", "Tết Quý Mão mùng 4 (bù)". */
const lunarNewYearDay = /^Tết (?!Dương lịch).*\bmùng (\d+)\b/;

export class WorkingCalendar {
  private readonly offDays = new Set<number>();
  private readonly makeupDays = new Set<number>();
  /** Year → its lunar new year's day (Tết, mùng 1), read from the calendar's Tết rows. */
  private readonly lunarNewYears = new Map<number, number>();

  constructor(csvPath: string) {
    const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
    for (const line of lines) {
      const [date, kind, name = ''] = line.split(',');
      if (!date || !kind) continue;
      if (kind === 'makeup_workday') this.makeupDays.add(dayNumber(date));
      else if (kind === 'holiday' || kind === 'day_off') this.offDays.add(dayNumber(date));
      // Mùng 1 itself may fall on a weekend and be left out (2023-01-22 was a Sunday): any "mùng N" gives it.
      const tet = lunarNewYearDay.exec(name);
      if (tet) {
        const firstDay = dayNumber(date) - (Number(tet[1]) - 1);
        const year = Number(dateOf(firstDay).slice(0, 4));
        const known = this.lunarNewYears.get(year);
        if (known !== undefined && known !== firstDay) {
          throw new Error(`${csvPath}: "${name}" on ${date} puts Tết ${year} on ${dateOf(firstDay)}, another row on ${dateOf(known)}`);
        }
        this.lunarNewYears.set(year, firstDay);
      }
    }
  }

  /** The lunar new year's day (Tết Nguyên đán) of `year`, when the calendar declares that year's break. */
  lunarNewYear(year: number): number | undefined {
    return this.lunarNewYears.get(year);
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

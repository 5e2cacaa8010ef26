// Whether a text is a real day of the calendar, written YYYY-MM-DD (2024-02-29 is, 2025-02-30 and
// 2025-13-01 are not), any year 0000–9999 in the proleptic Gregorian calendar. By arithmetic rather
// than through a Date: ingest checks every timestamp of every event with it (building a Date to
// compare cost three times the timestamp's own parsing). Its own entry point, free of the rest of the
// package, so that the portal can use it too.
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: string): boolean {
  const match = isoDay.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 ? (leap ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31);
}

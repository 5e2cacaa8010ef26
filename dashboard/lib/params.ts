// What every page is looking at — period and view — read from the URL, so each view is a shareable
// link, and written back into the links that change one part of it.
import { isCalendarDate } from '@vanban/api/periods';
import { portalToday } from './config';
import { formatDate } from './format';
import { presets, type Period } from './periods';

export type Search = Promise<Record<string, string | string[] | undefined>>;

export interface PortalView {
  from: string;
  to: string;
  view: 'as_was' | 'as_is';
  /** The period choices of today (from the year start, the quarter, last month, last year…). */
  presets: Record<string, Period>;
  /**
   * Why the dates in the URL were not used (a day not in the calendar, a start after the end or after
   * today): a text of lib/i18n.ts with its values. The page says it and shows the year so far instead
   * of silently showing something else.
   */
  problem?: { text: string; values: Record<string, string> };
}

/**
 * A day as a person types it in the period form, day/month/year as Vietnamese write it (1/4/2025,
 * 01.04.2025), or as the portal's links carry it (2025-04-01); anything else is left as it is, to be
 * refused as not a day of the calendar.
 */
export function isoDay(value: string): string {
  const typed = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(value);
  return typed ? `${typed[3]}-${typed[2]!.padStart(2, '0')}-${typed[1]!.padStart(2, '0')}` : value.trim();
}

/** The dates asked for, or why they cannot be used (checked in this order). */
function askedDates(askedFrom: unknown, askedTo: unknown, today: string): { from: string; to: string } | PortalView['problem'] | undefined {
  if (askedFrom === undefined && askedTo === undefined) return undefined;
  if (typeof askedFrom !== 'string' || typeof askedTo !== 'string' || askedFrom.trim() === '' || askedTo.trim() === '') return { text: 'Cần chọn cả ngày bắt đầu và ngày kết thúc của kỳ.', values: {} };
  const [from, to] = [isoDay(askedFrom), isoDay(askedTo)];
  for (const [day, typed] of [[from, askedFrom], [to, askedTo]] as const) {
    if (!isCalendarDate(day)) return { text: 'Ngày “{day}” không có trong lịch.', values: { day: typed.trim().slice(0, 20) } };
  }
  if (from > to) return { text: 'Ngày bắt đầu ({from}) sau ngày kết thúc ({to}).', values: { from: formatDate(from), to: formatDate(to) } };
  if (from > today) return { text: 'Kỳ bắt đầu ngày {from}, sau ngày hôm nay ({today}): chưa có số liệu.', values: { from: formatDate(from), today: formatDate(today) } };
  return { from, to };
}

/** The view in the URL: explicit dates, else a preset by name, else the year so far (saying why). */
export function readView(params: Record<string, string | string[] | undefined>, today = portalToday()): PortalView {
  const choices = presets(today);
  const preset = choices[String(params['period'] ?? 'ytd')] ?? choices['ytd']!;
  const asked = askedDates(params['from'], params['to'], today);
  const dates = asked && 'from' in asked ? asked : { from: preset.from, to: preset.to };
  return {
    ...dates,
    view: params['view'] === 'as_is' ? 'as_is' : 'as_was',
    presets: choices,
    ...(asked && 'text' in asked ? { problem: asked } : {}),
  };
}

/** The query string of a view, with some parts changed. */
export function viewQuery(view: PortalView, change: Partial<Pick<PortalView, 'from' | 'to' | 'view'>> = {}): string {
  const next = { ...view, ...change };
  return `?${new URLSearchParams({ from: next.from, to: next.to, view: next.view })}`;
}

/**
 * An agency code from the address (`/co-quan/{code}`), decoded once more as the portal's own links
 * encode it; a segment that does not decode (a stray `%`) is taken as it is, and the API then says
 * no agency has that code, rather than the page failing with a 500.
 */
export function agencyCodeOf(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

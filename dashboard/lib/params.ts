// What every page is looking at — period and view — read from the URL, so each view is a shareable
// link, and written back into the links that change one part of it.
import { portalToday } from './config';
import { presets, type Period } from './periods';

export type Search = Promise<Record<string, string | string[] | undefined>>;

export interface PortalView {
  from: string;
  to: string;
  view: 'as_was' | 'as_is';
  /** The period choices of today (from the year start, the quarter, last month, last year…). */
  presets: Record<string, Period>;
}

const isDate = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** The view in the URL: explicit dates, else a preset by name, else the year so far. */
export function readView(params: Record<string, string | string[] | undefined>, today = portalToday()): PortalView {
  const choices = presets(today);
  const preset = choices[String(params['period'] ?? 'ytd')] ?? choices['ytd']!;
  const explicit = isDate(params['from']) && isDate(params['to']) && params['from'] <= params['to'];
  return {
    from: explicit ? (params['from'] as string) : preset.from,
    to: explicit ? (params['to'] as string) : preset.to,
    view: params['view'] === 'as_is' ? 'as_is' : 'as_was',
    presets: choices,
  };
}

/** The query string of a view, with some parts changed. */
export function viewQuery(view: PortalView, change: Partial<Pick<PortalView, 'from' | 'to' | 'view'>> = {}): string {
  const next = { ...view, ...change };
  return `?${new URLSearchParams({ from: next.from, to: next.to, view: next.view })}`;
}

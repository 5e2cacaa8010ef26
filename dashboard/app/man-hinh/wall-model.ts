// The IOC wall's data and rules that both the server and the browser use: the answer's shape, the
// URL settings and when the figures count as stale. Pure, so the unit test can call it.
import type { StatusBucket } from '@/lib/status-buckets';

/** Bumped when the answer's shape changes: a wall left open across a deployment reloads itself once. */
export const wallVersion = 1;

export interface WallSnapshot {
  version: number;
  /** The server's clock when it answered (ms): the age is counted on it, not on the wall PC's clock. */
  servedAt: number;
  dataAsOf: string | null;
  period: { from: string; to: string; asOf: string };
  figures: {
    received: number; completed: number; completedLate: number; onTimeRate: number | null;
    overdue: number; dueSoon: number; onlineRate: number | null; onlineTarget: number | null; onlineMet: boolean | null;
  };
  buckets: StatusBucket[];
  backlog: { rows: { code: string; name: string; overdue: number }[]; others: number; otherRows: number; total: number };
}

export interface WallSettings {
  /** Seconds between two polls (?giay=). */
  pollSeconds: number;
  /** Minutes after which data_as_of counts as stale (?cu=); 0 makes any age stale (a test of the alarm). */
  staleMinutes: number;
}

export const wallDefaults: WallSettings = { pollSeconds: 15, staleMinutes: 15 };

/** A whole number from the URL within bounds; anything else is the default, so a typo never stops the wall. */
function bounded(value: unknown, min: number, max: number, fallback: number): number {
  const n = typeof value === 'string' && /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(n) ? Math.min(max, Math.max(min, n)) : fallback;
}

export function wallSettings(params: Record<string, string | string[] | undefined>): WallSettings {
  return {
    // Not below 5 s: a wall must not become the API's heaviest caller. Not above 5 min: it would lie about "live".
    pollSeconds: bounded(params['giay'], 5, 300, wallDefaults.pollSeconds),
    staleMinutes: bounded(params['cu'], 0, 1440, wallDefaults.staleMinutes),
  };
}

export type FeedState = 'fresh' | 'stale' | 'offline';

/** Offline when the last poll failed; stale when the figures are older than the threshold or absent. */
export function feedState(ageMs: number | null, staleMinutes: number, failed: boolean): FeedState {
  if (failed) return 'offline';
  return ageMs === null || ageMs >= staleMinutes * 60_000 ? 'stale' : 'fresh';
}

/** How old data_as_of is at `now` (ms, never negative); null when there are no figures yet. */
export function dataAge(dataAsOf: string | null, now: number): number | null {
  if (!dataAsOf) return null;
  const at = Date.parse(dataAsOf);
  return Number.isNaN(at) ? null : Math.max(0, now - at);
}

/** The age in the largest unit that fits, for "cập nhật {n} … trước". */
export function ageUnit(ageMs: number): { unit: 'seconds' | 'minutes' | 'hours' | 'days'; n: number } {
  const seconds = Math.floor(ageMs / 1000);
  if (seconds < 60) return { unit: 'seconds', n: seconds };
  if (seconds < 3600) return { unit: 'minutes', n: Math.floor(seconds / 60) };
  if (seconds < 86_400) return { unit: 'hours', n: Math.floor(seconds / 3600) };
  return { unit: 'days', n: Math.floor(seconds / 86_400) };
}

/** Fills `{name}` in a text already in the page's language (lib/i18n.ts keeps unknown places as they are). */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

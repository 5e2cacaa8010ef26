// What the IOC wall shows, read from the API in one small piece: the city's figures for the year so
// far, the five status buckets and the ten agencies with the most overdue documents. Shaped here, on
// the server, so that the browser polls a few hundred bytes instead of every figure of every child,
// and reads with the portal's identity (lib/api.ts) like every other page.
import type { Backlog, KpiSummary } from '@/lib/api';
import { fetchIfChanged } from '@/lib/api';
import { cityCode } from '@/lib/config';
import type { Lang, T } from '@/lib/i18n';
import { readView } from '@/lib/params';
import { overdueList, rowLabel } from '@/lib/rows';
import { statusBuckets, type StatusBucket } from '@/lib/status-buckets';
import { wallVersion, type WallSnapshot } from './wall-model';

/** How many agencies the overdue list names (the rest are one line, so the list adds up). */
export const wallTop = 10;

export function shapeSnapshot(kpis: KpiSummary, rows: Backlog, t: T, servedAt: number): WallSnapshot {
  const { incoming, target } = kpis;
  const backlog = overdueList(rows.children, wallTop);
  const buckets: StatusBucket[] = statusBuckets(incoming, t);
  return {
    version: wallVersion,
    servedAt,
    dataAsOf: kpis.data_as_of,
    period: { from: kpis.period.from, to: kpis.period.to, asOf: kpis.period.as_of },
    figures: {
      received: incoming.received, completed: incoming.completed, completedLate: incoming.completed_late,
      onTimeRate: incoming.on_time_rate, overdue: incoming.open_overdue, dueSoon: incoming.open_due_soon,
      onlineRate: incoming.online_rate, onlineTarget: target.online_rate, onlineMet: target.met,
    },
    buckets,
    backlog: {
      rows: backlog.shown.map((row) => ({ code: row.agency.code, name: rowLabel(row, t), overdue: row.open_overdue })),
      others: backlog.others, otherRows: backlog.otherRows, total: backlog.total,
    },
  };
}

// The wall's ETag stands for the API's two (each a hash of data_as_of, the business date and the
// URL) and the language its labels are in; base64url has no '.', so the parts split back apart.
const tagPrefix = 'wall';
const inner = (etag: string | null) => etag?.replace(/^W\//, '').replace(/"/g, '') ?? '';

function composeTag(lang: Lang, kpis: string | null, backlog: string | null): string | null {
  return kpis && backlog ? `"${tagPrefix}${wallVersion}.${lang}.${inner(kpis)}.${inner(backlog)}"` : null;
}

function splitTag(held: string | null, lang: Lang): [string, string] | undefined {
  const parts = inner(held).split('.');
  if (parts.length !== 4 || parts[0] !== `${tagPrefix}${wallVersion}` || parts[1] !== lang) return undefined;
  return [`"${parts[2]}"`, `"${parts[3]}"`];
}

/**
 * The wall's answer for the period of today: `snapshot` absent when `held` (the ETag the browser has)
 * is still current. The period is the year so far, as the overview opens with, so a leader finds the
 * same figures on the wall and in the portal, and Plan 222's yearly targets apply to it.
 */
export async function loadWall(held: string | null, t: T, lang: Lang): Promise<{ etag: string | null; snapshot?: WallSnapshot }> {
  const view = readView({});
  const base = { agency: cityCode, from: view.from, to: view.to, view: view.view };
  // The summary's and the backlog's URLs (parameters in the same order) are the overview's first
  // screen's, so the wall and the overview share the API's cache.
  const kpiParams = { ...base, scope: 'subtree' };
  const backlogParams = { ...base };
  const [kpiTag, backlogTag] = splitTag(held, lang) ?? [];
  let [kpis, backlog] = await Promise.all([
    fetchIfChanged<KpiSummary>('/api/v1/kpis', kpiParams, kpiTag),
    fetchIfChanged<Backlog>('/api/v1/kpis/backlog', backlogParams, backlogTag),
  ]);
  if (!kpis.body && !backlog.body) return { etag: composeTag(lang, kpis.etag, backlog.etag) };
  // A build landed between the two reads: the one still current is read whole (from the API's cache).
  if (!kpis.body) kpis = await fetchIfChanged<KpiSummary>('/api/v1/kpis', kpiParams);
  if (!backlog.body) backlog = await fetchIfChanged<Backlog>('/api/v1/kpis/backlog', backlogParams);
  return { etag: composeTag(lang, kpis.etag, backlog.etag), snapshot: shapeSnapshot(kpis.body!, backlog.body!, t, Date.now()) };
}

// The figures a map or tile view can colour by, read from a breakdown row's KPIs, each with its fixed
// colour scale (lib/scales.ts): the district map and the commune tiles use the same one.
import type { BreakdownRow } from './api';
import type { Lang, T } from './i18n';
import { binOf, onlineScale, onTimeScale, overdueScale, volumeScale, type Bin, type Scale } from './scales';

export interface MapMetric {
  key: string;
  label: string;
  value: (row: BreakdownRow) => number | null;
  percent: boolean;
  /** The scale a row is judged on; `target` is the row's Plan 222 target, for the metrics that have one. */
  scale: (target: number | null, t: T, lang: Lang) => Scale;
  target?: (row: BreakdownRow) => number | null;
}

export const mapMetrics: MapMetric[] = [
  { key: 'on_time_rate', label: 'Tỷ lệ giải quyết đúng hạn', value: (r) => r.kpis.incoming.on_time_rate, percent: true, scale: (_target, t, lang) => onTimeScale(t, lang) },
  { key: 'open_overdue', label: 'Quá hạn chưa xử lý', value: (r) => r.kpis.incoming.open_overdue, percent: false, scale: (_target, t, lang) => overdueScale(t, lang) },
  {
    key: 'online_rate', label: 'Tỷ lệ xử lý trên hệ thống', value: (r) => r.kpis.incoming.online_rate, percent: true,
    scale: onlineScale, target: (r) => r.kpis.target.online_rate,
  },
  { key: 'received', label: 'Văn bản đến', value: (r) => r.kpis.incoming.received, percent: false, scale: (_target, t, lang) => volumeScale(t, lang) },
];

export function mapMetric(key: unknown): MapMetric {
  return mapMetrics.find((m) => m.key === key) ?? mapMetrics[0]!;
}

/**
 * The one scale the legend shows for `rows`: the metric's, at the target most rows share (targets
 * differ by kind only in the last quarter of 2022, kpi.md), and whether some rows have another.
 */
export function legendScale(metric: MapMetric, rows: BreakdownRow[], t: T, lang: Lang): { scale: Scale; mixedTargets: boolean } {
  const targets = metric.target ? rows.map(metric.target) : [null];
  const tally = new Map<number | null, number>();
  for (const target of targets) tally.set(target, (tally.get(target) ?? 0) + 1);
  const common = [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return { scale: metric.scale(common, t, lang), mixedTargets: tally.size > 1 };
}

/** The bin of one row: on its own target's scale. */
export function rowBin(metric: MapMetric, row: BreakdownRow, t: T, lang: Lang): Bin {
  return binOf(metric.scale(metric.target ? metric.target(row) : null, t, lang), metric.value(row));
}

// The figures a map or tile view can colour by, read from a breakdown row's KPIs.
import type { BreakdownRow } from './api';

export interface MapMetric { key: string; label: string; value: (row: BreakdownRow) => number | null; percent: boolean; higherIsBetter: boolean }

export const mapMetrics: MapMetric[] = [
  { key: 'on_time_rate', label: 'Tỷ lệ giải quyết đúng hạn', value: (r) => r.kpis.incoming.on_time_rate, percent: true, higherIsBetter: true },
  { key: 'open_overdue', label: 'Quá hạn chưa xử lý', value: (r) => r.kpis.incoming.open_overdue, percent: false, higherIsBetter: false },
  { key: 'online_rate', label: 'Tỷ lệ xử lý trên hệ thống', value: (r) => r.kpis.incoming.online_rate, percent: true, higherIsBetter: true },
  { key: 'received', label: 'Văn bản đến', value: (r) => r.kpis.incoming.received, percent: false, higherIsBetter: true },
];

export function mapMetric(key: unknown): MapMetric {
  return mapMetrics.find((m) => m.key === key) ?? mapMetrics[0]!;
}

/** A colour from red (worst) to green (best) for `value` within [min, max]. */
export function scaleColor(value: number | null, min: number, max: number, higherIsBetter: boolean): string {
  if (value === null) return '#d9dee5';
  const t = max === min ? 0.5 : (value - min) / (max - min);
  const good = higherIsBetter ? t : 1 - t;
  const hue = Math.round(good * 120); // 0 = red, 120 = green
  return `hsl(${hue} 60% 28%)`; // dark enough for white text (contrast ≥ 4.5)
}

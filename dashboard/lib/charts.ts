// ECharts options built by pure functions, so tests can check them without a browser. Each comes with
// how its numbers read (lib/chart-numbers.ts): the client wrapper formats them in the page's language.
import type { EChartsOption } from 'echarts';
import { shownPercent } from '@vanban/api/shown-percent';
import type { Series } from './api';
import type { ChartNumbers } from './chart-numbers';
import type { T } from './i18n';

export interface ChartSpec { option: EChartsOption; numbers: ChartNumbers }

export interface MonthPoint {
  label: string;
  /** "(đến ngày 06/12)" for a month the period or today cuts short; null for a whole month. */
  partial: string | null;
  received: number;
  completed: number;
  onTimeRate: number | null;
  onlineRate: number | null;
  /** Quá hạn chưa xử lý at the month's as-of date (the backlog, a stock). */
  openOverdue: number;
  /** Received in the same days one year earlier; null before the warehouse's first data. */
  receivedLastYear: number | null;
}

const percent = (rate: number | null) => (rate === null ? null : Math.round(shownPercent(rate) * 10) / 10);
const pad = (n: number) => String(n).padStart(2, '0');
const monthEnd = (date: string) => {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${y}-${pad(m)}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
};
const dayMonth = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/** The same day one year earlier; 29 February maps to 28 February (kpi.md, Comparisons). */
export function yearBefore(date: string): string {
  const [y, m, d] = date.split('-') as [string, string, string];
  return `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
}

/**
 * The months of a monthly series as the trend plots them. A month cut short (the current one, or the
 * period's edges) says so, or it reads as a collapse. Last year's points are matched by month; those
 * before the first month with any document in last year's answer are the time before the warehouse's
 * data, not zeros, and are left out.
 */
export function trendPoints(series: Series, lastYear: Series | null, t: T): MonthPoint[] {
  const before = lastYear?.points ?? [];
  const active = (p: Series['points'][number]) => p.kpis.incoming.received + p.kpis.incoming.completed + p.kpis.incoming.open_on_time + p.kpis.incoming.open_overdue > 0;
  const firstData = before.findIndex(active);
  const lastYearByMonth = new Map(firstData < 0 ? [] : before.slice(firstData).map((p) => [p.from.slice(0, 7), p.kpis.incoming.received]));
  return series.points.map((p) => {
    const { incoming } = p.kpis;
    const partial = p.as_of < p.from ? t('(chưa đến)')
      : p.as_of < monthEnd(p.from) ? t('(đến ngày {date})', { date: dayMonth(p.as_of) })
        : p.from.endsWith('-01') ? null : t('(từ ngày {date})', { date: dayMonth(p.from) });
    return {
      label: `${p.from.slice(5, 7)}/${p.from.slice(0, 4)}`,
      partial,
      received: incoming.received,
      completed: incoming.completed,
      onTimeRate: incoming.on_time_rate,
      onlineRate: incoming.online_rate,
      openOverdue: incoming.open_overdue,
      receivedLastYear: lastYearByMonth.get(yearBefore(p.from).slice(0, 7)) ?? null,
    };
  });
}

/** Colours say what a series is, never good or bad: brand blues for counts, neutral hues for rates. */
const colours = { received: '#9db4d6', completed: '#1f4e8c', onTime: '#243447', online: '#7a5195', overdue: '#6b6b6b', lastYear: '#5a7fb5' };

/** A bar of a month cut short: lighter and hatched, so it is not read as a whole month. */
const bar = (value: number, partial: boolean, color: string) => (partial
  ? { value, itemStyle: { color, opacity: 0.55, decal: { symbol: 'rect', symbolSize: 1, color: 'rgba(255,255,255,0.7)', dashArrayX: [1, 0], dashArrayY: [3, 5], rotation: -Math.PI / 4 } } }
  : value);

/** `t` puts the axis and series names in the page's language (lib/i18n.ts); Vietnamese as written by default. */
export function trendOption(points: MonthPoint[], t: T = (text) => text): ChartSpec {
  const withLastYear = points.some((p) => p.receivedLastYear !== null);
  const series: { style: ChartNumbers['series'][number]; series: Record<string, unknown> }[] = [
    { style: 'count', series: { name: t('Văn bản đến'), type: 'bar', data: points.map((p) => bar(p.received, p.partial !== null, colours.received)), itemStyle: { color: colours.received } } },
    { style: 'count', series: { name: t('Đã giải quyết'), type: 'bar', data: points.map((p) => bar(p.completed, p.partial !== null, colours.completed)), itemStyle: { color: colours.completed } } },
    { style: 'percent', series: { name: t('Tỷ lệ đúng hạn (%)'), type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onTimeRate)), itemStyle: { color: colours.onTime }, lineStyle: { width: 3 } } },
    { style: 'percent', series: { name: t('Tỷ lệ xử lý trên hệ thống (%)'), type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onlineRate)), itemStyle: { color: colours.online } } },
    { style: 'count', series: { name: t('Quá hạn chưa xử lý (cuối tháng)'), type: 'line', symbol: 'rect', data: points.map((p) => p.openOverdue), itemStyle: { color: colours.overdue } } },
    ...(withLastYear ? [{ style: 'count' as const, series: {
      name: t('Văn bản đến cùng kỳ năm trước'), type: 'line', symbol: 'emptyCircle', connectNulls: false,
      data: points.map((p) => p.receivedLastYear), itemStyle: { color: colours.lastYear }, lineStyle: { type: 'dashed' },
    } }] : []),
  ];
  return {
    option: {
      animation: false,
      tooltip: { trigger: 'axis' },
      // One line, paged on a phone: six names wrapped into five rows over the bars.
      legend: { top: 0, type: 'scroll' },
      grid: { left: 56, right: 56, top: 56, bottom: 40 },
      xAxis: { type: 'category', data: points.map((p) => (p.partial ? `${p.label}\n${p.partial}` : p.label)) },
      yAxis: [
        { type: 'value', name: t('Văn bản'), minInterval: 1 },
        { type: 'value', name: '%', min: 0, max: 100 },
      ],
      series: series.map((s) => s.series) as EChartsOption['series'],
    },
    numbers: { series: series.map((s) => s.style) },
  };
}

export interface StagePoint { label: string; median: number | null; p90: number | null }

/** Where documents wait: working days per step, median and p90, as horizontal bars in step order (top to bottom). */
export function stagesOption(stages: StagePoint[], t: T = (text) => text): ChartSpec {
  const item = (value: number | null) => ({ value, label: { show: value !== null } });
  const ordered = [...stages].reverse();
  return {
    option: {
      animation: false,
      tooltip: { trigger: 'item' },
      // One line, paged on a phone: six names wrapped into five rows over the bars.
      legend: { top: 0, type: 'scroll' },
      grid: { left: 8, right: 48, top: 32, bottom: 28, containLabel: true },
      // The unit under the axis, centred: at the axis's end it ran past a narrow chart's edge.
      xAxis: { type: 'value', name: t('ngày làm việc'), nameLocation: 'middle', nameGap: 10, minInterval: 1, axisLabel: { show: false } },
      yAxis: { type: 'category', data: ordered.map((s) => s.label) },
      series: [
        { name: t('Trung vị'), type: 'bar', label: { show: true, position: 'right' }, data: ordered.map((s) => item(s.median)), itemStyle: { color: '#1f4e8c' } },
        { name: t('90 % văn bản'), type: 'bar', label: { show: true, position: 'right' }, data: ordered.map((s) => item(s.p90)), itemStyle: { color: '#9db4d6' } },
      ],
    },
    numbers: { series: ['days', 'days'], labels: ['count', 'count'], days: t('{n} ngày làm việc') },
  };
}

// ECharts options built by pure functions, so tests can check them without a browser.
import type { EChartsOption } from 'echarts';
import { formatCount } from './format';
import type { Lang, T } from './i18n';

export interface MonthPoint { label: string; received: number; completed: number; onTimeRate: number | null; onlineRate: number | null }

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** `t` puts the axis and series names in the page's language (lib/i18n.ts); Vietnamese as written by default. */
export function trendOption(points: MonthPoint[], t: T = (text) => text): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: [
      // Options cross from the server component to the client as plain data: no formatter functions.
      { type: 'value', name: t('Văn bản') },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: t('Văn bản đến'), type: 'bar', data: points.map((p) => p.received), itemStyle: { color: '#9db4d6' } },
      { name: t('Đã giải quyết'), type: 'bar', data: points.map((p) => p.completed), itemStyle: { color: '#1f4e8c' } },
      { name: t('Tỷ lệ đúng hạn (%)'), type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onTimeRate)), itemStyle: { color: '#c0392b' } },
      { name: t('Tỷ lệ xử lý trên hệ thống (%)'), type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onlineRate)), itemStyle: { color: '#1e8449' } },
    ],
  };
}

export interface StagePoint { label: string; median: number | null; p90: number | null }

/**
 * Where documents wait: working days per step, median and p90, as horizontal bars in step order
 * (top to bottom). Labels and tooltips carry the numbers already written in the page's language
 * (options cross to the client as data: no formatter functions).
 */
export function stagesOption(stages: StagePoint[], t: T = (text) => text, lang: Lang = 'vi'): EChartsOption {
  const item = (value: number | null, name: string) => ({
    value: value ?? 0,
    label: { show: value !== null, position: 'right' as const, formatter: value === null ? '' : formatCount(value, lang) },
    tooltip: { formatter: `${name}: ${value === null ? '—' : t('{n} ngày làm việc', { n: formatCount(value, lang) })}` },
  });
  const ordered = [...stages].reverse();
  return {
    animation: false,
    tooltip: { trigger: 'item' },
    legend: { top: 0 },
    grid: { left: 8, right: 48, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: t('ngày làm việc'), minInterval: 1, axisLabel: { show: false } },
    yAxis: { type: 'category', data: ordered.map((s) => s.label) },
    series: [
      { name: t('Trung vị'), type: 'bar', data: ordered.map((s) => item(s.median, `${s.label} · ${t('trung vị')}`)), itemStyle: { color: '#1f4e8c' } },
      { name: t('90% văn bản'), type: 'bar', data: ordered.map((s) => item(s.p90, `${s.label} · ${t('90% văn bản')}`)), itemStyle: { color: '#9db4d6' } },
    ],
  };
}

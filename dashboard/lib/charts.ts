// ECharts options built by pure functions, so tests can check them without a browser.
import type { EChartsOption } from 'echarts';
import type { T } from './i18n';

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

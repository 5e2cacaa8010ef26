// ECharts options built by pure functions, so tests can check them without a browser.
import type { EChartsOption } from 'echarts';

export interface MonthPoint { label: string; received: number; completed: number; onTimeRate: number | null; onlineRate: number | null }

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** Series names in the page's language: documents axis, received, completed, on-time %, online %. */
export interface TrendLabels { documents: string; received: string; completed: string; onTime: string; online: string }

const vietnamese: TrendLabels = { documents: 'Văn bản', received: 'Văn bản đến', completed: 'Đã giải quyết', onTime: 'Tỷ lệ đúng hạn (%)', online: 'Tỷ lệ xử lý trên hệ thống (%)' };

export function trendOption(points: MonthPoint[], labels: TrendLabels = vietnamese): EChartsOption {
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 56, right: 56, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: points.map((p) => p.label) },
    yAxis: [
      // Options cross from the server component to the client as plain data: no formatter functions.
      { type: 'value', name: labels.documents },
      { type: 'value', name: '%', min: 0, max: 100 },
    ],
    series: [
      { name: labels.received, type: 'bar', data: points.map((p) => p.received), itemStyle: { color: '#9db4d6' } },
      { name: labels.completed, type: 'bar', data: points.map((p) => p.completed), itemStyle: { color: '#1f4e8c' } },
      { name: labels.onTime, type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onTimeRate)), itemStyle: { color: '#c0392b' } },
      { name: labels.online, type: 'line', yAxisIndex: 1, data: points.map((p) => percent(p.onlineRate)), itemStyle: { color: '#1e8449' } },
    ],
  };
}

// Numbers inside ECharts in the page's language (1.234,5 and 97,3 % in Vietnamese). Options are built
// on the server and cross to the client as plain data, which cannot carry functions: the server says
// how each series' numbers read (a NumberStyle), and the client wrapper (ui/echart.tsx) installs the
// formatters with localize() below — the one place chart numbers are formatted.
import type { EChartsOption } from 'echarts';
import { formatCount, formatDecimal, formatPercent } from './format';
import type { Lang } from './i18n';

/** count: whole documents; percent: a rate already × 100 (the chart plots 0–100); days: working days. */
export type NumberStyle = 'count' | 'percent' | 'days';

/**
 * How a chart's series read, by series index, in tooltips and (unless `labels` says otherwise) in
 * labels on the bars; `days` is the page's "{n} ngày làm việc". Plain data.
 */
export interface ChartNumbers { series: (NumberStyle | null)[]; labels?: (NumberStyle | null)[]; days?: string }

/** What a tooltip or label shows for one value. */
export function formatValue(value: unknown, style: NumberStyle | null, lang: Lang, days = '{n}'): string {
  const number = typeof value === 'number' ? value : Array.isArray(value) ? value.at(-1) : typeof value === 'string' && value !== '' ? Number(value) : null;
  if (typeof number !== 'number' || !Number.isFinite(number)) return '—';
  if (style === 'percent') return formatPercent(number / 100, lang);
  if (style === 'days') return days.replace('{n}', formatCount(number, lang));
  return style === 'count' || Number.isInteger(number) ? formatCount(number, lang) : formatDecimal(number, lang);
}

const axisNumbers = { vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }), en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }) };

/** A value axis tick: as many decimals as the tick has (at most two); a percent axis's name carries the %. */
export function formatTick(value: number, lang: Lang): string {
  return axisNumbers[lang].format(value);
}

type Node = Record<string, unknown>;
const list = (x: unknown): Node[] => (Array.isArray(x) ? (x as Node[]) : x && typeof x === 'object' ? [x as Node] : []);
const sub = (node: Node, key: string): Node => (node[key] && typeof node[key] === 'object' ? (node[key] as Node) : {});

/**
 * The option with number formatters installed: every value axis's tick labels, and each series'
 * tooltip values and bar/point labels in the style `numbers` gives it.
 */
export function localize(option: EChartsOption, numbers: ChartNumbers | undefined, lang: Lang): EChartsOption {
  const given = option as Node;
  const axes = (key: 'xAxis' | 'yAxis') => {
    const all = list(given[key]).map((axis) => (axis['type'] === 'value'
      ? { ...axis, axisLabel: { ...sub(axis, 'axisLabel'), formatter: (v: number) => formatTick(v, lang) } }
      : axis));
    return Array.isArray(given[key]) ? all : all[0];
  };
  const series = list(given['series']).map((s, i) => {
    const style = numbers?.series[i] ?? null;
    const labelStyle = numbers?.labels ? numbers.labels[i] ?? null : style;
    const text = (value: unknown) => formatValue(value, style, lang, numbers?.days);
    const labelText = (p: { value: unknown }) => formatValue(p.value, labelStyle, lang, numbers?.days);
    return {
      ...s,
      tooltip: { ...sub(s, 'tooltip'), valueFormatter: text },
      ...(s['label'] ? { label: { ...sub(s, 'label'), formatter: labelText } } : {}),
    };
  });
  return {
    ...given,
    ...(given['xAxis'] ? { xAxis: axes('xAxis') } : {}),
    ...(given['yAxis'] ? { yAxis: axes('yAxis') } : {}),
    series,
    // The class lets the page's CSS and the browser tests find the tooltip.
    tooltip: { ...sub(given, 'tooltip'), className: 'chart-tooltip', valueFormatter: (v: unknown) => formatValue(v, null, lang) },
  } as EChartsOption;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Series } from './api.js';
import { localize, formatTick, formatValue } from './chart-numbers.js';
import { stagesOption, trendOption, trendPoints, yearBefore, type MonthPoint } from './charts.js';
import { translator } from './i18n.js';
import { monthsOf } from './periods.js';

type Plain = { name: string; data: unknown[]; yAxisIndex?: number; itemStyle?: { color?: string }; tooltip?: { valueFormatter?: (v: unknown) => string }; label?: { formatter?: (p: { value: unknown }) => string } };
const month = (over: Partial<MonthPoint> = {}): MonthPoint => ({ label: '01/2025', partial: null, received: 10, completed: 8, onTimeRate: 0.875, onlineRate: null, openOverdue: 3, receivedLastYear: null, ...over });

test('the trend chart plots counts as bars, the backlog on the counts axis and rates as percentages on the right axis', () => {
  const { option, numbers } = trendOption([month()]);
  const series = option.series as Plain[];
  assert.deepEqual(series.map((s) => s.data[0]), [10, 8, 87.5, null, 3]);
  assert.equal(series[2]?.yAxisIndex, 1);
  assert.equal(series[4]?.yAxisIndex, undefined, 'the overdue backlog is a count');
  assert.deepEqual(numbers.series, ['count', 'count', 'percent', 'percent', 'count']);
  assert.equal(series.length, 5, 'no last-year line without last year\'s data');
});

test('the on-time line is not red: colours name series, they do not judge them', () => {
  const series = trendOption([month()]).option.series as Plain[];
  for (const s of series) {
    const hex = s.itemStyle?.color ?? '';
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    assert.ok(!(r > 150 && r > 2 * g && r > 2 * b), `${s.name}: ${hex} is not a red`);
  }
});

test('a month cut short is marked in its label and drawn lighter; last year\'s line has its own series', () => {
  const { option } = trendOption([month({ receivedLastYear: 7 }), month({ label: '02/2025', partial: '(đến ngày 12/02)', received: 4, receivedLastYear: 9 })]);
  assert.deepEqual((option.xAxis as { data: string[] }).data, ['01/2025', '02/2025\n(đến ngày 12/02)']);
  const [received, , , , , lastYear] = option.series as Plain[];
  assert.equal(received?.data[0], 10);
  assert.deepEqual((received?.data[1] as { value: number; itemStyle: { opacity: number } }).value, 4);
  assert.ok((received?.data[1] as { itemStyle: { opacity: number } }).itemStyle.opacity < 1);
  assert.deepEqual(lastYear?.data, [7, 9]);
});

const point = (from: string, to: string, asOf: string, received: number, overdue = 0) => ({
  from, to, as_of: asOf,
  kpis: { incoming: { received, completed: 0, open_on_time: 0, open_overdue: overdue, on_time_rate: null, online_rate: null } },
});
const seriesOf = (points: ReturnType<typeof point>[]) => ({ points } as unknown as Series);

test('trend points: the unfinished month says up to which day; last year is matched by month and starts at the first data', () => {
  const t = translator('vi');
  const now = seriesOf([point('2025-01-01', '2025-01-31', '2025-01-31', 5, 1), point('2025-02-01', '2025-02-28', '2025-02-28', 6), point('2025-03-01', '2025-03-31', '2025-03-12', 2, 4)]);
  const before = seriesOf([point('2024-01-01', '2024-01-31', '2024-01-31', 0), point('2024-02-01', '2024-02-29', '2024-02-29', 3), point('2024-03-01', '2024-03-12', '2024-03-12', 0)]);
  const points = trendPoints(now, before, t);
  assert.deepEqual(points.map((p) => p.partial), [null, null, '(đến ngày 12/03)']);
  assert.deepEqual(points.map((p) => p.receivedLastYear), [null, 3, 0], 'January 2024 is before the first data; March 2024 had none');
  assert.deepEqual(points.map((p) => p.openOverdue), [1, 0, 4]);
  assert.equal(trendPoints(seriesOf([point('2025-01-15', '2025-01-31', '2025-01-31', 1)]), null, t)[0]?.partial, '(từ ngày 15/01)');
  assert.equal(trendPoints(now, null, translator('en'))[2]?.partial, '(to 12/03)');
});

test('a year earlier: 29 February maps to 28 February', () => {
  assert.equal(yearBefore('2025-12-06'), '2024-12-06');
  assert.equal(yearBefore('2024-02-29'), '2023-02-28');
});

test('chart numbers in Vietnamese style: thousands with ".", decimals with ","; English style in English', () => {
  assert.equal(formatValue(1198, 'count', 'vi'), '1.198');
  assert.equal(formatValue(67.6, 'percent', 'vi'), '67,6\u00a0%');
  assert.equal(formatValue(67.6, 'percent', 'en'), '67.6%');
  assert.equal(formatValue(null, 'percent', 'vi'), '—');
  assert.equal(formatValue(3, 'days', 'vi', '{n} ngày làm việc'), '3 ngày làm việc');
  assert.equal(formatValue(12.25, null, 'vi'), '12,3');
  assert.equal(formatTick(1500, 'vi'), '1.500');
  assert.equal(formatTick(0.8, 'vi'), '0,8');
  assert.equal(formatTick(1500, 'en'), '1,500');
});

test('localize installs the formatters on every value axis and series, and keeps the option\'s data', () => {
  const { option, numbers } = trendOption([month({ received: 12858, onTimeRate: 0.686 })]);
  const local = localize(option, numbers, 'vi');
  const axes = local.yAxis as { axisLabel: { formatter: (v: number) => string } }[];
  assert.equal(axes[0]?.axisLabel.formatter(1500), '1.500');
  const series = local.series as Plain[];
  assert.equal(series[0]?.tooltip?.valueFormatter?.(12858), '12.858');
  assert.equal(series[2]?.tooltip?.valueFormatter?.(series[2].data[0]), '68,6\u00a0%');
  assert.equal((local.xAxis as { type: string; axisLabel?: unknown }).axisLabel, undefined, 'a category axis keeps its labels');
  assert.deepEqual((local.series as Plain[]).map((s) => s.data), (option.series as Plain[]).map((s) => s.data));
  const stages = stagesOption([{ label: 'Giao → giải quyết xong', median: 1234, p90: null }], translator('vi'));
  const stageSeries = localize(stages.option, stages.numbers, 'vi').series as Plain[];
  assert.equal(stageSeries[0]?.tooltip?.valueFormatter?.(1234), '1.234 ngày làm việc');
  assert.equal(stageSeries[0]?.label?.formatter?.({ value: 1234 }), '1.234');
});

test('months of a period are clipped to it', () => {
  assert.deepEqual(monthsOf('2025-01-15', '2025-03-10').map((m) => [m.from, m.to]), [
    ['2025-01-15', '2025-01-31'], ['2025-02-01', '2025-02-28'], ['2025-03-01', '2025-03-10'],
  ]);
});

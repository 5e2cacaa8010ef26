import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trendOption } from './charts.js';
import { monthsOf } from './periods.js';

test('the trend chart plots counts as bars and rates as percentages on the right axis', () => {
  const option = trendOption([{ label: '01/2025', received: 10, completed: 8, onTimeRate: 0.875, onlineRate: null }]);
  const series = option.series as { name: string; data: (number | null)[]; yAxisIndex?: number }[];
  assert.deepEqual(series.map((s) => s.data[0]), [10, 8, 87.5, null]);
  assert.equal(series[2]?.yAxisIndex, 1);
});

test('months of a period are clipped to it', () => {
  assert.deepEqual(monthsOf('2025-01-15', '2025-03-10').map((m) => [m.from, m.to]), [
    ['2025-01-15', '2025-01-31'], ['2025-02-01', '2025-02-28'], ['2025-03-01', '2025-03-10'],
  ]);
});

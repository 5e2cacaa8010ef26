import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestRank, rate } from './quantiles.js';
import { asOfDate, isCalendarDate, onlineRateTarget } from './periods.js';

test('nearest rank matches percentile_disc on small samples', () => {
  // values 1..10: p50 → k=5 → 5; p90 → k=9 → 9
  const oneToTen = Array.from({ length: 10 }, (_, i) => [i + 1, 1] as const);
  assert.equal(nearestRank(oneToTen, 50), 5);
  assert.equal(nearestRank(oneToTen, 90), 9);
  // 3 values [0,0,7]: p50 → k=2 → 0; p90 → k=ceil(2.7)=3 → 7
  assert.equal(nearestRank([[0, 2], [7, 1]], 50), 0);
  assert.equal(nearestRank([[0, 2], [7, 1]], 90), 7);
  assert.equal(nearestRank([[4, 1]], 90), 4);
  assert.equal(nearestRank([], 50), null);
});

test('rates are null without a denominator', () => {
  assert.equal(rate(0, 0), null);
  assert.equal(rate(3, 4), 0.75);
});

test('as-of date, calendar dates and Plan 222 targets', () => {
  assert.equal(asOfDate('2025-12-31', '2025-06-01'), '2025-06-01');
  assert.equal(asOfDate('2024-12-31', '2025-06-01'), '2024-12-31');
  assert.equal(isCalendarDate('2025-02-30'), false);
  assert.equal(isCalendarDate('2024-02-29'), true);
  assert.equal(onlineRateTarget('commune', '2022-12-31'), 0.7);
  assert.equal(onlineRateTarget('district', '2022-10-01'), 0.8);
  assert.equal(onlineRateTarget('city', '2022-11-30'), 1);
  assert.equal(onlineRateTarget('commune', '2022-09-30'), null);
  assert.equal(onlineRateTarget('commune', '2023-01-01'), 1);
});

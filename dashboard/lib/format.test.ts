import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatAsOf, formatCount, formatDate, formatDecimal, formatPercent } from './format.js';

test('numbers in Vietnamese style by default, English style in English, null as a dash', () => {
  assert.equal(formatCount(1234567), '1.234.567');
  assert.equal(formatPercent(0.973), '97,3\u00a0%', 'Vietnamese: a no-break space before %');
  assert.equal(formatCount(1234567, 'en'), '1,234,567');
  assert.equal(formatPercent(0.973, 'en'), '97.3%');
  assert.equal(formatDecimal(9, 'vi'), '9,0');
  assert.equal(formatPercent(null), '—');
  assert.equal(formatCount(undefined), '—');
  assert.equal(formatAsOf('2026-11-24T09:30:12.123+07:00'), '09:30 24/11/2026');
  assert.equal(formatAsOf(null), null);
  assert.equal(formatDate('2025-07-01'), '01/07/2025');
});

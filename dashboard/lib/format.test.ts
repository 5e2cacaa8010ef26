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

test('a rate short of the 100 % target never shows as 100,0 % (nor short of a band as its line), nor one above 0 as 0,0 %', () => {
  // 9,996 of 10,000 on time: the API says the 100 % target is not met; "100,0 %" beside that contradicts it.
  assert.equal(formatPercent(0.9996), '99,9\u00a0%');
  assert.equal(formatPercent(0.99949), '99,9\u00a0%');
  assert.equal(formatPercent(1), '100,0\u00a0%');
  assert.equal(formatPercent(0.0004), '0,1\u00a0%');
  assert.equal(formatPercent(0), '0,0\u00a0%');
  assert.equal(formatPercent(0.97349), '97,3\u00a0%', 'in between, rounded as before');
  assert.equal(formatPercent(0.9996, 'en'), '99.9%');
  // nor one short of a colour band's line as the line: 94,96 % on time is in "80,0 % đến dưới 95,0 %"
  assert.equal(formatPercent(0.9496), '94,9\u00a0%');
  assert.equal(formatPercent(0.95), '95,0\u00a0%');
});

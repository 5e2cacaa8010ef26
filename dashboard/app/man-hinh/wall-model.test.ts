import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ageUnit, dataAge, feedState, fill, wallDefaults, wallSettings } from './wall-model.js';

test('the wall\'s URL settings are bounded whole numbers, anything else the default', () => {
  assert.deepEqual(wallSettings({}), wallDefaults);
  assert.deepEqual(wallSettings({ giay: '30', cu: '5' }), { pollSeconds: 30, staleMinutes: 5 });
  assert.deepEqual(wallSettings({ giay: '1', cu: '99999' }), { pollSeconds: 5, staleMinutes: 1440 });
  assert.deepEqual(wallSettings({ giay: '600', cu: '0' }), { pollSeconds: 300, staleMinutes: 0 });
  assert.deepEqual(wallSettings({ giay: '-3', cu: '1.5' }), wallDefaults);
  assert.deepEqual(wallSettings({ giay: ['10', '20'], cu: 'abc' }), wallDefaults);
});

test('the age of data_as_of is counted from its offset, never negative', () => {
  const asOf = '2026-12-06T09:30:00.000+07:00';
  assert.equal(dataAge(asOf, Date.parse('2026-12-06T02:30:12Z')), 12_000);
  assert.equal(dataAge(asOf, Date.parse('2026-12-06T02:29:00Z')), 0);
  assert.equal(dataAge(null, Date.now()), null);
  assert.deepEqual(ageUnit(59_999), { unit: 'seconds', n: 59 });
  assert.deepEqual(ageUnit(60_000), { unit: 'minutes', n: 1 });
  assert.deepEqual(ageUnit(3 * 3_600_000 + 5), { unit: 'hours', n: 3 });
  assert.deepEqual(ageUnit(432 * 86_400_000), { unit: 'days', n: 432 });
});

test('stale at the threshold or without figures, offline when the poll failed, whatever the age', () => {
  assert.equal(feedState(14 * 60_000, 15, false), 'fresh');
  assert.equal(feedState(15 * 60_000, 15, false), 'stale');
  assert.equal(feedState(0, 0, false), 'stale');
  assert.equal(feedState(null, 15, false), 'stale');
  assert.equal(feedState(1000, 15, true), 'offline');
  assert.equal(fill('cập nhật {n} giây trước', { n: '12' }), 'cập nhật 12 giây trước');
  assert.equal(fill('{a} {b}', { a: 1 }), '1 {b}');
});

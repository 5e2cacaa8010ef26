import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TtlCache } from './ttl-cache.js';

test('the cache forgets expired entries and holds no more than its bound, the oldest going first', () => {
  const cache = new TtlCache<number>(3);
  cache.set('a', 1, 1_000, 0);
  assert.equal(cache.get('a', 999), 1);
  assert.equal(cache.get('a', 1_000), undefined, 'expired at its time');
  // A flood of distinct keys (the agency codes of AgencyAccess, garbage tokens) stays within the bound.
  for (let i = 0; i < 10_000; i++) cache.set(`k${i}`, i, 60_000, 0);
  assert.equal(cache.get('k9999', 1), 9_999);
  assert.equal(cache.get('k9997', 1), 9_997);
  assert.equal(cache.get('k9996', 1), undefined, 'the oldest went first');
  assert.equal(Array.from({ length: 10_000 }, (_, i) => cache.get(`k${i}`, 1)).filter((v) => v !== undefined).length, 3);
});

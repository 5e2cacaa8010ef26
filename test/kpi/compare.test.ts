import { test } from 'node:test';
import assert from 'node:assert/strict';
import { differences } from './compare.js';

test('counts must be equal, fractions within 1e-9, nulls exact', () => {
  assert.deepEqual(differences({ a: 1, r: 0.1 + 0.2 }, { a: 1, r: 0.3 }), []);
  assert.deepEqual(differences({ a: 2 }, { a: 1 }), ['a: warehouse 2 ≠ source 1']);
  assert.deepEqual(differences({ r: 0 }, { r: null }), ['r: warehouse 0 ≠ source null']);
  assert.deepEqual(differences({ r: 0.5 + 2e-9 }, { r: 0.5 }).length, 1);
});

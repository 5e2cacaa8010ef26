import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decreeDate } from './wording.js';

test('the date line as Decree 30 writes it: a leading zero for days below 10 and for months 1 and 2 only', () => {
  assert.deepEqual(decreeDate('2026-02-05'), { day: '05', month: '02', year: '2026' });
  assert.deepEqual(decreeDate('2026-03-14'), { day: '14', month: '3', year: '2026' });
  assert.deepEqual(decreeDate('2025-09-30'), { day: '30', month: '9', year: '2025' });
  assert.deepEqual(decreeDate('2026-12-03'), { day: '03', month: '12', year: '2026' });
  assert.deepEqual(decreeDate('2027-01-10'), { day: '10', month: '01', year: '2027' });
});

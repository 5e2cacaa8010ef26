import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calendarPeriod, previousPeriod, statutoryPeriod } from './periods.js';

test('statutory reporting periods cut off on the 14th (Decree 09/2019/NĐ-CP, kpi.md)', () => {
  assert.deepEqual(statutoryPeriod('monthly', '2025-05-10'), { from: '2025-04-15', to: '2025-05-14', year: 2025, number: 5 });
  assert.deepEqual(statutoryPeriod('monthly', '2025-05-15'), { from: '2025-05-15', to: '2025-06-14', year: 2025, number: 6 });
  assert.deepEqual(statutoryPeriod('quarterly', '2025-03-14'), { from: '2024-12-15', to: '2025-03-14', year: 2025, number: 1 });
  assert.deepEqual(statutoryPeriod('half', '2025-06-20'), { from: '2025-06-15', to: '2025-12-14', year: 2025, number: 2 });
  assert.deepEqual(statutoryPeriod('yearly', '2025-12-15'), { from: '2025-12-15', to: '2026-12-14', year: 2026, number: 1 });
});

test('calendar periods and the previous period of the same length', () => {
  assert.deepEqual(calendarPeriod('quarterly', '2024-02-29'), { from: '2024-01-01', to: '2024-03-31' });
  assert.deepEqual(calendarPeriod('half', '2025-07-01'), { from: '2025-07-01', to: '2025-12-31' });
  assert.deepEqual(calendarPeriod('monthly', '2024-02-10'), { from: '2024-02-01', to: '2024-02-29' });
  assert.deepEqual(previousPeriod({ from: '2025-01-01', to: '2025-12-31' }), { from: '2024-01-01', to: '2024-12-31' });
  assert.deepEqual(previousPeriod({ from: '2025-03-01', to: '2025-03-31' }), { from: '2025-02-01', to: '2025-02-28' });
  assert.deepEqual(previousPeriod({ from: '2025-03-15', to: '2025-06-14' }), { from: '2024-12-15', to: '2025-03-14' }, 'the statutory quarter before');
  assert.deepEqual(previousPeriod({ from: '2025-03-05', to: '2025-03-11' }), { from: '2025-02-26', to: '2025-03-04' }, 'seven days before seven days');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statutoryPeriods } from './periods';

const ranges = (today: string) => Object.fromEntries(Object.entries(statutoryPeriods(today)).map(([k, p]) => [k, [p.from, p.to]]));

test('statutory periods cut off on the 14th (Decree 09/2019/NĐ-CP, kpi.md)', () => {
  assert.deepEqual(ranges('2025-05-10'), {
    report_month: ['2025-04-15', '2025-05-14'],
    report_quarter: ['2025-03-15', '2025-06-14'],
    report_half: ['2024-12-15', '2025-06-14'],
    report_year: ['2024-12-15', '2025-12-14'],
  });
  // From the 15th, today belongs to the next reporting month (and here to the next quarter).
  assert.deepEqual(ranges('2025-06-15'), {
    report_month: ['2025-06-15', '2025-07-14'],
    report_quarter: ['2025-06-15', '2025-09-14'],
    report_half: ['2025-06-15', '2025-12-14'],
    report_year: ['2024-12-15', '2025-12-14'],
  });
  // After 14 December the reports are those of the next year.
  assert.deepEqual(ranges('2025-12-20'), {
    report_month: ['2025-12-15', '2026-01-14'],
    report_quarter: ['2025-12-15', '2026-03-14'],
    report_half: ['2025-12-15', '2026-06-14'],
    report_year: ['2025-12-15', '2026-12-14'],
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BadRequestError } from '../request-errors.js';
import { calendarPeriod, checkDate, comparedPeriods, dateOfDay, dayOf, isCalendarDate, previousPeriod, statutoryPeriod, validatePeriod, warehouseDates, monthEndOf, periodKeys, wholeMonthsOf } from './periods.js';
import { seriesBuckets, seriesPointCount } from './series.js';

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

test('the calendar months inside a period: whole months from the month rows, the rest from the day rows', () => {
  assert.deepEqual(wholeMonthsOf('2025-01-01', '2025-12-31'), { months_from: '2025-01-01', months_until: '2026-01-01' }, 'a year is its twelve months');
  assert.deepEqual(wholeMonthsOf('2024-12-15', '2025-03-14'), { months_from: '2025-01-01', months_until: '2025-03-01' }, 'a statutory quarter: January and February whole');
  assert.deepEqual(wholeMonthsOf('2024-02-01', '2024-02-29'), { months_from: '2024-02-01', months_until: '2024-03-01' }, 'a leap February ends on the 29th');
  assert.deepEqual(wholeMonthsOf('2025-02-01', '2025-02-28'), { months_from: '2025-02-01', months_until: '2025-03-01' });
  assert.deepEqual(wholeMonthsOf('2024-02-01', '2024-02-28'), { months_from: '2024-02-01', months_until: '2024-02-01' }, 'one day short of the month: none whole');
  assert.deepEqual(wholeMonthsOf('2025-03-05', '2025-03-20'), { months_from: '2025-04-01', months_until: '2025-03-01' }, 'inside one month: none whole');
  assert.deepEqual(wholeMonthsOf('2025-12-31', '2026-01-01'), { months_from: '2026-01-01', months_until: '2026-01-01' });
  assert.equal(monthEndOf('2024-02-10'), dayOf('2024-02-29'), 'a leap February ends on the 29th');
  assert.equal(monthEndOf('2025-12-31'), dayOf('2025-12-31'));
});

test('dates of any year are read and written by arithmetic, not by Date (years 0–99, 10000)', () => {
  for (const date of ['0000-01-01', '0001-01-01', '0099-12-31', '1970-01-01', '2024-02-29', '9999-12-31']) assert.equal(dateOfDay(dayOf(date)), date);
  assert.equal(dayOf('1970-01-01'), 0);
  assert.equal(dayOf('2000-03-01') - dayOf('2000-02-28'), 2, '2000 is a leap year');
  assert.equal(isCalendarDate('0000-02-29'), true, 'year 0 is a leap year (proleptic Gregorian)');
  assert.equal(isCalendarDate('1900-02-29'), false);
  assert.equal(isCalendarDate('2025-13-01'), false);
  assert.deepEqual(previousPeriod({ from: '2001-01-01', to: '2001-12-31' }), { from: '2000-01-01', to: '2000-12-31' });
});

test('every date a caller sends is held to the warehouse\'s working-day calendar (int_working_days.sql)', () => {
  // The range is the calendar model's span: first day and number of days, read from the model itself.
  const model = readFileSync(new URL('../../../dbt/models/intermediate/int_working_days.sql', import.meta.url), 'utf8');
  const [, first, days] = /toDate32\('(\d{4}-\d{2}-\d{2})'\) \+ number as date\s+from numbers\((\d+)\)/.exec(model)!;
  assert.deepEqual(warehouseDates, { from: first, to: dateOfDay(dayOf(first!) + Number(days) - 1) });
  for (const date of ['0000-01-01', '0001-01-01', '1999-12-31', '2036-01-01', '2299-12-31', '9999-12-31']) {
    assert.throws(() => checkDate('from', date), (error: Error) => error instanceof BadRequestError && /outside the dates the warehouse holds: 2000-01-01 to 2035-12-31/.test(error.message), date);
  }
  assert.throws(() => checkDate('to', '2025-02-30'), /"to" is not a real date/);
  assert.equal(checkDate('at', '2025-06-01'), '2025-06-01');
  assert.throws(() => validatePeriod('2025-02-01', '2025-01-31'), /The period is empty/);
  assert.throws(() => validatePeriod('9999-12-01', '9999-12-31'), BadRequestError);
});

test('a series\' points are counted without building them, and the buckets end for any dates', () => {
  assert.equal(seriesPointCount('2025-03-05', '2025-03-31', 'week'), 5);
  assert.equal(seriesPointCount('2025-03-03', '2025-03-09', 'week'), 1, 'Monday to Sunday is one week');
  assert.equal(seriesPointCount('2025-01-01', '2025-06-30', 'month'), 6);
  assert.equal(seriesPointCount('2024-01-01', '2024-12-31', 'day'), 366);
  const started = performance.now();
  assert.equal(seriesPointCount('0000-01-01', '9999-12-31', 'day'), 3_652_425);
  assert.equal(seriesPointCount('9999-12-01', '9999-12-31', 'month'), 1);
  assert.ok(performance.now() - started < 50, 'arithmetic, not a loop');
  for (const interval of ['day', 'week', 'month'] as const) {
    for (const [from, to] of [['2025-03-05', '2025-05-31'], ['2024-12-30', '2025-01-05'], ['2025-02-01', '2025-02-01']] as const) {
      assert.equal(seriesBuckets(from, to, interval).length, seriesPointCount(from, to, interval), `${interval} ${from} ${to}`);
    }
  }
  // The loop of the issue: December 9999 by month never ended ("+010000-01-01" < "9999-12-31").
  assert.deepEqual(seriesBuckets('9999-12-01', '9999-12-31', 'month'), [{ from: '9999-12-01', to: '9999-12-31' }]);
  assert.deepEqual(seriesBuckets('9999-12-30', '9999-12-31', 'week'), [{ from: '9999-12-30', to: '9999-12-31' }]);
  assert.deepEqual(seriesBuckets('2025-03-05', '2025-03-17', 'week').map((b) => [b.from, b.to]), [['2025-03-05', '2025-03-09'], ['2025-03-10', '2025-03-16'], ['2025-03-17', '2025-03-17']]);
});

test('compared periods: the previous one of the same kind, else as many days before; the same dates a year earlier', () => {
  const cases: [string, string, string, string, string, string][] = [
    // statutory month, quarter, half, year (Decree 09/2019: the 15th to the 14th)
    ['2025-11-15', '2025-12-14', '2025-10-15', '2025-11-14', '2024-11-15', '2024-12-14'],
    ['2025-09-15', '2025-12-14', '2025-06-15', '2025-09-14', '2024-09-15', '2024-12-14'],
    ['2024-12-15', '2025-06-14', '2024-06-15', '2024-12-14', '2023-12-15', '2024-06-14'],
    ['2024-12-15', '2025-12-14', '2023-12-15', '2024-12-14', '2023-12-15', '2024-12-14'],
    // calendar month (March after a 28-day February), quarter, year
    ['2025-03-01', '2025-03-31', '2025-02-01', '2025-02-28', '2024-03-01', '2024-03-31'],
    ['2025-04-01', '2025-06-30', '2025-01-01', '2025-03-31', '2024-04-01', '2024-06-30'],
    ['2025-01-01', '2025-12-31', '2024-01-01', '2024-12-31', '2024-01-01', '2024-12-31'],
    // custom: as many days just before; 29 February a year earlier is 28 February
    ['2024-02-20', '2024-02-29', '2024-02-10', '2024-02-19', '2023-02-20', '2023-02-28'],
    ['2025-03-01', '2025-03-30', '2025-01-30', '2025-02-28', '2024-03-01', '2024-03-30'],
  ];
  for (const [from, to, previousFrom, previousTo, lastYearFrom, lastYearTo] of cases) {
    assert.deepEqual(comparedPeriods(from, to), { previous: { from: previousFrom, to: previousTo }, last_year: { from: lastYearFrom, to: lastYearTo } }, `${from}…${to}`);
  }
});

test('a period adds up the month rows of its whole months and the day rows of its other days, each once, in day order', () => {
  const months = (...firsts: string[]) => firsts.map((day) => ['month', day]);
  const days = (from: string, to: string) => Array.from({ length: dayOf(to) - dayOf(from) + 1 }, (_, i) => ['day', dateOfDay(dayOf(from) + i)]);
  assert.deepEqual(periodKeys('2025-01-01', '2025-03-31'), months('2025-01-01', '2025-02-01', '2025-03-01'), 'a quarter: its three months');
  assert.deepEqual(periodKeys('2024-12-15', '2025-03-14'), [...days('2024-12-15', '2024-12-31'), ...months('2025-01-01', '2025-02-01'), ...days('2025-03-01', '2025-03-14')], 'a statutory quarter');
  assert.deepEqual(periodKeys('2025-01-01', '2025-08-20'), [...months('2025-01-01', '2025-02-01', '2025-03-01', '2025-04-01', '2025-05-01', '2025-06-01', '2025-07-01'), ...days('2025-08-01', '2025-08-20')], 'this year while it lasts');
  assert.deepEqual(periodKeys('2025-03-05', '2025-03-20'), days('2025-03-05', '2025-03-20'), 'inside one month: its days');
  assert.deepEqual(periodKeys('2024-02-01', '2024-02-28'), days('2024-02-01', '2024-02-28'), 'a leap February but its last day');
  assert.deepEqual(periodKeys('2024-02-01', '2024-02-29'), months('2024-02-01'));
  assert.deepEqual(periodKeys('2025-12-31', '2026-01-01'), days('2025-12-31', '2026-01-01'));
  assert.deepEqual(periodKeys('2025-06-30', '2025-06-30'), days('2025-06-30', '2025-06-30'));
});

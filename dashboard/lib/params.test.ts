import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDay, readView } from './params.js';

const today = '2025-09-30';

test('dates in the URL are used when they make a period, and otherwise the page is told why', () => {
  const fine = readView({ from: '2025-01-01', to: '2025-06-30', view: 'as_is' }, today);
  assert.deepEqual([fine.from, fine.to, fine.view, fine.problem], ['2025-01-01', '2025-06-30', 'as_is', undefined]);
  // No dates: the year so far, and nothing to explain.
  const none = readView({}, today);
  assert.deepEqual([none.from, none.to, none.problem], ['2025-01-01', today, undefined]);
  // Each wrong request falls back to the year so far and names what was wrong.
  const cases: [Record<string, string>, string][] = [
    [{ from: '2025-02-30', to: '2025-03-31' }, 'Ngày “2025-02-30” không có trong lịch.'],
    [{ from: '2025-13-01', to: '2025-12-31' }, 'Ngày “2025-13-01” không có trong lịch.'],
    [{ from: '2025-06-30', to: '2025-01-01' }, 'Ngày bắt đầu (30/06/2025) sau ngày kết thúc (01/01/2025).'],
    [{ from: '2025-10-01', to: '2025-10-31' }, 'Kỳ bắt đầu ngày 01/10/2025, sau ngày hôm nay (30/09/2025): chưa có số liệu.'],
    [{ from: '2025-01-01' }, 'Cần chọn cả ngày bắt đầu và ngày kết thúc của kỳ.'],
  ];
  for (const [params, sentence] of cases) {
    const view = readView(params, today);
    assert.deepEqual([view.from, view.to], ['2025-01-01', today], JSON.stringify(params));
    const filled = Object.entries(view.problem?.values ?? {}).reduce((text, [k, v]) => text.replace(`{${k}}`, v), view.problem?.text ?? '');
    assert.equal(filled, sentence, JSON.stringify(params));
  }
});

test('dates typed in the period form as day/month/year are read as the links carry them', () => {
  assert.equal(isoDay('1/4/2025'), '2025-04-01');
  assert.equal(isoDay(' 30/06/2025 '), '2025-06-30');
  assert.equal(isoDay('01.04.2025'), '2025-04-01');
  assert.equal(isoDay('2025-04-01'), '2025-04-01');
  assert.equal(isoDay('4/1/25'), '4/1/25', 'a two-digit year is not guessed');
  const typed = readView({ from: '1/4/2025', to: '30/6/2025' }, today);
  assert.deepEqual([typed.from, typed.to, typed.problem], ['2025-04-01', '2025-06-30', undefined]);
  // A day that does not exist is named as it was typed.
  const wrong = readView({ from: '31/02/2025', to: '31/03/2025' }, today);
  assert.deepEqual(wrong.problem, { text: 'Ngày “{day}” không có trong lịch.', values: { day: '31/02/2025' } });
  assert.deepEqual(readView({ from: '04/01/2025x', to: '30/06/2025' }, today).problem?.values, { day: '04/01/2025x' });
  assert.equal(readView({ from: '30/06/2025', to: '1/1/2025' }, today).problem?.text, 'Ngày bắt đầu ({from}) sau ngày kết thúc ({to}).');
});

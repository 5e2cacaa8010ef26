import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultPeriodChoice, periodChoices, sizeText } from './reports';

test('the report center names the statutory periods: the current one tạm tính, the others closed, newest first', () => {
  const choices = periodChoices('2026-09-20');
  const quarters = choices.filter((c) => c.kind === 'quarterly');
  assert.equal(quarters[0]!.label, 'Quý IV/2026: 15/09–14/12/2026, chưa hết kỳ (tạm tính)');
  assert.equal(quarters[1]!.label, 'Quý III/2026: 15/06–14/09/2026, đã chốt');
  assert.equal(quarters[1]!.value, 'quarterly:2026-09-14');
  assert.equal(quarters.length, 8);
  assert.equal(choices.find((c) => c.kind === 'half' && c.closed)!.label, '6 tháng đầu năm 2026: 15/12/2025–14/06/2026, đã chốt');
  assert.equal(choices.find((c) => c.kind === 'yearly')!.label, 'Năm 2026: 15/12/2025–14/12/2026, chưa hết kỳ (tạm tính)');
  assert.equal(defaultPeriodChoice('2026-09-20'), 'monthly:2026-09-14');
  assert.equal(defaultPeriodChoice('2026-09-14'), 'monthly:2026-08-14', 'on the cut-off day itself the month is not closed yet');
});

test('a file size in the page\'s number style', () => {
  assert.equal(sizeText(1_234_567), '1,2 MB');
  assert.equal(sizeText(1_234_567, 'en'), '1.2 MB');
  assert.equal(sizeText(95_400), '95 KB');
  assert.equal(sizeText(12), '1 KB', 'never 0 KB');
});

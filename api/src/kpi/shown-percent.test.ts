// A rate short of 100 % never shows as 100,0 %, nor one above 0 as 0,0 %: not on the portal, not in
// the PDF (shownPercent), not in an Excel cell (percentFormat, which keeps the exact rate).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentFormat, shownPercent } from './shown-percent.js';

/** What Excel shows for `rate` under a format 0.0…%: rounded half away from zero. */
const excelShows = (rate: number, format: string) => {
  const places = format.length - '0.%'.length;
  return (Math.round(rate * 100 * 10 ** places) / 10 ** places).toFixed(places);
};

test('shown rates keep their side of 100 % and of 0 %', () => {
  assert.equal(shownPercent(0.9996), 99.9);
  assert.equal(shownPercent(1), 100);
  assert.equal(shownPercent(0.0004), 0.1);
  assert.equal(shownPercent(0), 0);
  assert.equal(shownPercent(0.5), 50);
});

test('an Excel cell of a rate gets as many decimals as keep it off 100 % and 0 %', () => {
  assert.equal(percentFormat(0.973), '0.0%');
  assert.equal(percentFormat(1), '0.0%');
  assert.equal(percentFormat(0), '0.0%');
  assert.equal(percentFormat(null), '0.0%');
  for (const rate of [0.9996, 0.99996, 0.9999996, 0.0004, 0.000004, 0.99949, 0.9995]) {
    const format = percentFormat(rate);
    const shown = excelShows(rate, format);
    assert.ok(Number(shown) < 100 && Number(shown) > 0, `${rate} under ${format} shows ${shown} %`);
    // and no more decimals than that takes
    const fewer = format.replace('0.0', '0.');
    if (fewer !== '0.%') assert.ok(['100', '0'].some((end) => Number(excelShows(rate, fewer)) === Number(end)), `${rate}: ${format} is the fewest decimals`);
  }
  assert.equal(percentFormat(0.9996), '0.00%');
  assert.equal(percentFormat(0.99949), '0.0%', '99,9 % rounds below 100 already');
});

// A rate short of 100 % never shows as 100,0 %, nor one short of another line the product judges by
// (a multiple of 5 %: 95,0 %, 80,0 %…) as that line, nor one above 0 as 0,0 %: not on the portal,
// not in the PDF (shownPercent), not in an Excel cell (percentFormat, which keeps the exact rate).
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

test('shown rates keep their side of every multiple of 5 %: the targets and the colour bands', () => {
  // 94,96 % on time sits in the band "80,0 % đến dưới 95,0 %": it cannot read 95,0 % there.
  assert.equal(shownPercent(0.9496), 94.9);
  assert.equal(shownPercent(0.79951), 79.9);
  assert.equal(shownPercent(0.69999), 69.9);
  // at or above a line, and away from one, rounded as before
  assert.equal(shownPercent(0.95), 95);
  assert.equal(Math.round(shownPercent(0.95004) * 10) / 10, 95);
  assert.equal(Math.round(shownPercent(0.9346) * 10) / 10, 93.5, 'not a line: 93,5 % is no target nor band');
  assert.equal(Math.round(shownPercent(0.97349) * 10) / 10, 97.3);
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
  // short of 95 % and of 80 %: the band's line
  assert.equal(percentFormat(0.9496), '0.00%');
  assert.equal(excelShows(0.9496, percentFormat(0.9496)), '94.96');
  assert.equal(percentFormat(0.799996), '0.0000%');
  assert.equal(percentFormat(0.9504), '0.0%', 'above the line, 95,0 % is right');
});

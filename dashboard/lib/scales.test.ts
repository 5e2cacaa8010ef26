import { test } from 'node:test';
import assert from 'node:assert/strict';
import { translator } from './i18n.js';
import { binOf, contrast, onlineScale, onTimeScale, overdueScale, swatches, thresholds, volumeScale, type Scale } from './scales.js';

const t = translator('vi');
const tones = (scale: Scale, values: (number | null)[]) => values.map((v) => binOf(scale, v).tone);

test('on-time rate: fixed bins on absolute thresholds, whatever the other agencies do', () => {
  assert.deepEqual(tones(onTimeScale(t, 'vi'), [0, 0.7999, 0.8, 0.9499, 0.95, 1, null]), ['bad', 'bad', 'watch', 'watch', 'good', 'good', 'none']);
  assert.deepEqual(onTimeScale(t, 'vi').bins.map((b) => b.label), ['Thấp: dưới 80,0\u00a0%', 'Cần chú ý: 80,0\u00a0% đến dưới 95,0\u00a0%', 'Tốt: từ 95,0\u00a0% trở lên']);
});

test('online rate: against the Plan 222 target of the period; neutral levels when there is none', () => {
  assert.deepEqual(tones(onlineScale(1, t, 'vi'), [1, 0.95, 0.9, 0.89, null]), ['good', 'watch', 'watch', 'bad', 'none']);
  assert.deepEqual(tones(onlineScale(0.7, t, 'vi'), [0.7, 0.65, 0.59]), ['good', 'watch', 'bad']);
  const none = onlineScale(null, t, 'vi');
  assert.ok(none.bins.every((b) => b.tone.startsWith('level')), 'no target: nothing is judged bad');
  assert.ok(none.note);
});

test('overdue: only 0 is good; counts in fixed bins', () => {
  assert.deepEqual(tones(overdueScale(t, 'vi'), [0, 1, 10, 11, 50, 51, 5000]), ['good', 'watch', 'watch', 'bad', 'bad', 'worse', 'worse']);
  assert.deepEqual(overdueScale(t, 'vi').bins.map((b) => b.label), ['Không có văn bản quá hạn', '1–10 văn bản', '11–50 văn bản', 'Trên 50 văn bản']);
  assert.deepEqual(tones(volumeScale(t, 'vi'), [0, 99, 100, 9999, 10000]), ['level1', 'level1', 'level2', 'level3', 'level4']);
  assert.equal(volumeScale(t, 'vi').bins[3]?.label, 'Từ 10.000 trở lên');
  assert.equal(thresholds.overdue[0], 1);
});

test('every swatch keeps its text readable (contrast ≥ 4.5) and "bad" is the only red-orange family', () => {
  for (const [tone, { fill, ink }] of Object.entries(swatches)) assert.ok(contrast(fill, ink) >= 4.5, `${tone}: ${fill} / ${ink} = ${contrast(fill, ink).toFixed(2)}`);
  assert.equal(contrast('#ffffff', '#000000'), 21);
  const scales = [onTimeScale(t, 'vi'), onlineScale(1, t, 'vi'), overdueScale(t, 'vi')];
  for (const scale of scales) assert.equal(new Set(scale.bins.map((b) => swatches[b.tone].fill)).size, scale.bins.length, 'bins are told apart');
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareFigure } from './changes.js';

test('a change reads as a leader reads it: arrow, amount in the page style, better or worse by the figure', () => {
  assert.deepEqual(compareFigure(120, 100, 'lower', 'count'), { arrow: '▲', judgement: 'worse', amount: '20' });
  assert.deepEqual(compareFigure(1000, 2500, 'lower', 'count'), { arrow: '▼', judgement: 'better', amount: '1.500' });
  assert.deepEqual(compareFigure(0.861, 0.837, 'higher', 'rate'), { arrow: '▲', judgement: 'better', amount: '2,4 điểm %' });
  assert.deepEqual(compareFigure(0.5, 0.75, 'higher', 'rate', 'en'), { arrow: '▼', judgement: 'worse', amount: '25.0 points' });
  assert.deepEqual(compareFigure(12.44, 10.2, 'neither', 'per_day'), { arrow: '▲', judgement: 'neutral', amount: '2,2' });
  assert.deepEqual(compareFigure(40, 30, 'neither', 'count'), { arrow: '▲', judgement: 'neutral', amount: '10' });
  // Equal as shown (to a tenth of a point) is no change; a missing side is no comparison.
  assert.deepEqual(compareFigure(0.97301, 0.97299, 'higher', 'rate'), { arrow: '=', judgement: 'neutral', amount: '' });
  assert.deepEqual(compareFigure(null, 0.5, 'higher', 'rate'), { arrow: '', judgement: 'neutral', amount: '' });
});

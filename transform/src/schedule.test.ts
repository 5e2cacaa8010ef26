import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Model } from './project.js';
import { runInDependencyOrder } from './schedule.js';

const model = (name: string, refs: string[] = []) => ({ name, refs }) as unknown as Model;

/** Runs the models with a controllable finish for each; records starts and finishes in order. */
function harness() {
  const events: string[] = [];
  const finishers = new Map<string, { ok: () => void; fail: (e: Error) => void }>();
  const run = (m: Model) => new Promise<void>((ok, fail) => {
    events.push(`start ${m.name}`);
    finishers.set(m.name, { ok: () => { events.push(`end ${m.name}`); ok(); }, fail });
  });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { events, finishers, run, tick };
}

test('a model starts after what it refs, at most `threads` at once, the longest chain first', async () => {
  // step → doc → cohort → agg → city; doc → assignment; out → dispatch → cohort (build order as buildOrder gives it).
  const models = [model('out'), model('dispatch', ['out']), model('step'), model('doc', ['step', 'stg_view_not_built']),
    model('assignment', ['doc']), model('dq', ['doc', 'out']), model('cohort', ['doc', 'dispatch']), model('agg', ['cohort']), model('city', ['agg'])];
  const { events, finishers, run, tick } = harness();
  const done = runInDependencyOrder(models, 2, run);
  await tick();
  // out and step head chains of 4 after them; both start.
  assert.deepEqual(events, ['start out', 'start step']);
  finishers.get('step')!.ok(); await tick();
  assert.deepEqual(events.slice(2), ['end step', 'start doc']);
  finishers.get('out')!.ok(); await tick();
  assert.deepEqual(events.slice(4), ['end out', 'start dispatch']);
  finishers.get('doc')!.ok(); await tick();
  // Ready: assignment and dq (nothing after them); cohort waits for dispatch: one of them takes the free thread.
  assert.deepEqual(events.slice(6), ['end doc', 'start assignment']);
  finishers.get('dispatch')!.ok(); await tick();
  // cohort (3 after it... agg, city) goes before dq.
  assert.deepEqual(events.slice(8), ['end dispatch', 'start cohort']);
  for (const name of ['assignment', 'cohort', 'dq', 'agg', 'city']) { await tick(); finishers.get(name)!.ok(); await tick(); }
  await done;
  assert.deepEqual(events.filter((e) => e.startsWith('start')).slice(-3), ['start dq', 'start agg', 'start city']);
  assert.equal(events.filter((e) => e.startsWith('end')).length, models.length);
});

test('after a failure nothing more starts; the running ones finish and the failure is thrown', async () => {
  const models = [model('a'), model('b'), model('c', ['a']), model('d')];
  const { events, finishers, run, tick } = harness();
  const done = runInDependencyOrder(models, 2, run);
  await tick();
  assert.deepEqual(events, ['start a', 'start b']);
  finishers.get('a')!.fail(new Error('a broke')); await tick();
  assert.deepEqual(events, ['start a', 'start b']);
  let settled = false;
  done.catch(() => {}).finally(() => { settled = true; });
  await tick();
  assert.equal(settled, false, 'waits for b');
  finishers.get('b')!.ok();
  await assert.rejects(done, /a broke/);
  assert.deepEqual(events, ['start a', 'start b', 'end b']);
});

test('one thread builds in build order', async () => {
  const models = [model('a'), model('b', ['a']), model('c')];
  const order: string[] = [];
  await runInDependencyOrder(models, 1, async (m) => { order.push(m.name); });
  assert.deepEqual(order, ['a', 'b', 'c']);
  await assert.rejects(runInDependencyOrder(models, 0, async () => {}), /at least 1/);
});

// The pool lends each query a connection of its own, never more than its size, gives a connection
// back whether the query worked or failed, and refuses work once closed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChdbConnectionPool, type ChdbConnection } from './chdb-pool.js';

/** A connection whose query waits `ms` and then answers with its own number, or fails on 'bad'. */
function fakeConnections() {
  const opened: { busy: boolean; closed: boolean }[] = [];
  const open = (): ChdbConnection => {
    const state = { busy: false, closed: false };
    opened.push(state);
    const number = opened.length;
    return {
      query: async (params: { query: string }) => {
        assert.ok(!state.busy, 'a connection runs one query at a time');
        assert.ok(!state.closed, 'no query on a closed connection');
        state.busy = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        state.busy = false;
        if (params.query === 'bad') throw new Error('bad query');
        return number;
      },
      close: async () => { state.closed = true; },
    } as unknown as ChdbConnection;
  };
  return { opened, open };
}

const ask = (pool: ChdbConnectionPool, query: string) => pool.query({ query } as never) as unknown as Promise<number>;

test('at most `size` connections, each running one query at a time, shared by more queries than that', async () => {
  const { opened, open } = fakeConnections();
  const pool = new ChdbConnectionPool(open, 3);
  const answers = await Promise.all(Array.from({ length: 10 }, () => ask(pool, 'ok')));
  assert.equal(opened.length, 3);
  assert.deepEqual([...new Set(answers)].sort(), [1, 2, 3]);
});

test('a failed query gives its connection back', async () => {
  const { opened, open } = fakeConnections();
  const pool = new ChdbConnectionPool(open, 2);
  for (let i = 0; i < 5; i++) await assert.rejects(ask(pool, 'bad'), /bad query/);
  assert.equal(await ask(pool, 'ok'), 1);
  assert.equal(opened.length, 1);
});

test('closing closes every connection and refuses what waits and what comes after', async () => {
  const { opened, open } = fakeConnections();
  const pool = new ChdbConnectionPool(open, 1);
  const running = ask(pool, 'ok');
  const waiting = ask(pool, 'ok');
  await new Promise((resolve) => setTimeout(resolve, 1));
  const closing = pool.close();
  await assert.rejects(waiting, /closed/);
  await closing;
  assert.equal(await running, 1, 'the running query still ends');
  assert.ok(opened.every((c) => c.closed));
  await assert.rejects(ask(pool, 'ok'), /closed/);
});

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

test('a failed query\'s connection is closed and a new one takes its place', async () => {
  const { opened, open } = fakeConnections();
  const pool = new ChdbConnectionPool(open, 2);
  for (let i = 0; i < 5; i++) await assert.rejects(ask(pool, 'bad'), /bad query/);
  assert.equal(await ask(pool, 'ok'), 6, 'the sixth connection, opened after the fifth failure');
  assert.equal(opened.length, 6);
  assert.deepEqual(opened.map((c) => c.closed), [true, true, true, true, true, false]);
  // Two at once, one failing: still never more than `size` open, and the pool keeps working.
  await Promise.all([assert.rejects(ask(pool, 'bad')), ask(pool, 'ok')]);
  assert.ok(opened.filter((c) => !c.closed).length <= 2);
  assert.deepEqual(await Promise.all([ask(pool, 'ok'), ask(pool, 'ok')]).then((n) => n.length), 2);
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

test('a connection is sent only the settings its session does not hold, and the one replacing a failed connection all of them', async () => {
  const sent: Record<string, unknown>[] = [];
  const open = (): ChdbConnection => ({
    query: async (params: { query: string; clickhouse_settings?: Record<string, unknown> }) => {
      sent.push(params.clickhouse_settings ?? {});
      if (params.query === 'bad') throw new Error('bad query');
      return 1;
    },
    close: async () => {},
  }) as unknown as ChdbConnection;
  const pool = new ChdbConnectionPool(open, 1);
  const run = (query: string, clickhouse_settings: Record<string, unknown>) => pool.query({ query, clickhouse_settings } as never);
  await run('ok', { a: 0, b: 'best_effort', c: true });
  await run('ok', { a: 0, b: 'best_effort', c: 1 });
  await run('ok', { a: 1, b: 'best_effort', c: '1', d: undefined });
  await run('ok', { a: 0, b: 'best_effort', c: true });
  await assert.rejects(run('bad', { a: 1, b: 'best_effort' }), /bad query/);
  await run('ok', { a: 1, b: 'best_effort' });
  await run('ok', { a: 1, b: 'best_effort' });
  assert.deepEqual(sent, [
    { a: 0, b: 'best_effort', c: true },
    {},
    { a: 1 },
    { a: 0 },
    { a: 1 },
    { a: 1, b: 'best_effort' },
    {},
  ]);
});

test('an insert or exec leaves what it was sent unknown (chdb runs nothing without rows); default_format is always passed on', async () => {
  const sent: [string, Record<string, unknown>][] = [];
  const record = (kind: string) => async (params: { clickhouse_settings?: Record<string, unknown> }) => { sent.push([kind, params.clickhouse_settings ?? {}]); return 1; };
  const pool = new ChdbConnectionPool(() => ({ query: record('query'), insert: record('insert'), exec: record('exec'), close: async () => {} }) as unknown as ChdbConnection, 1);
  const settings = { a: 0, default_format: 'JSONEachRow' };
  await pool.query({ query: 'q', clickhouse_settings: settings } as never);
  await pool.query({ query: 'q', clickhouse_settings: settings } as never);
  await pool.insert({ query: 'i', values: [], clickhouse_settings: { ...settings, b: 1 } } as never);
  await pool.query({ query: 'q', clickhouse_settings: { ...settings, b: 1 } } as never);
  await pool.exec({ query: 'e', clickhouse_settings: { a: 1 } } as never);
  await pool.query({ query: 'q', clickhouse_settings: { ...settings, b: 1 } } as never);
  assert.deepEqual(sent, [
    ['query', { a: 0, default_format: 'JSONEachRow' }],
    ['query', { default_format: 'JSONEachRow' }],
    ['insert', { default_format: 'JSONEachRow', b: 1 }],
    ['query', { default_format: 'JSONEachRow', b: 1 }],
    ['exec', { a: 1 }],
    ['query', { a: 0, default_format: 'JSONEachRow' }],
  ]);
});

test('a query waiting for the one connection gets the one replacing it when it fails; if none opens, the failed one is kept and states its settings again', async () => {
  let opened = 0;
  let refuseOpen = false;
  const sent: Record<string, unknown>[] = [];
  const closed: number[] = [];
  const open = (): ChdbConnection => {
    if (refuseOpen) throw new Error('cannot open');
    const number = ++opened;
    return {
      query: async (params: { query: string; clickhouse_settings?: Record<string, unknown> }) => {
        sent.push(params.clickhouse_settings ?? {});
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (params.query === 'bad') throw new Error('bad query');
        return number;
      },
      close: async () => { closed.push(number); },
    } as unknown as ChdbConnection;
  };
  const pool = new ChdbConnectionPool(open, 1);
  const run = (query: string, a = 1) => pool.query({ query, clickhouse_settings: { a } } as never) as unknown as Promise<number>;
  const failing = assert.rejects(run('bad'), /bad query/);
  const waiting = run('ok');
  await failing;
  assert.equal(await waiting, 2, 'the waiting query ran on the replacement');
  assert.deepEqual(closed, [1]);
  refuseOpen = true;
  await assert.rejects(run('bad', 2), /bad query/);
  assert.equal(await run('ok'), 2, 'no replacement opened: the failed connection answers again');
  // The failed query was sent a = 2, which the session may or may not hold: a = 1 is stated again.
  assert.deepEqual(sent, [{ a: 1 }, { a: 1 }, { a: 2 }, { a: 1 }], 'after the failure the kept connection is sent its settings again');
  assert.deepEqual(closed, [1]);
});

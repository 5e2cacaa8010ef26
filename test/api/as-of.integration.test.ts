// The as-of date moves with the clock, not with the data (issue 14, item 4): a "to today" answer
// asked again after midnight, with no change of the source overnight, has the new A (period.as_of)
// and counts the documents due yesterday as overdue; its ETag is new, so a client revalidating with
// yesterday's ETag gets the new answer (200), not 304.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryRows } from '@vanban/common';
import { buildApp } from '@vanban/api';
import { simulatedWarehouse } from '../support/warehouse.js';

const simulated = await simulatedWarehouse('api-as-of', { seed: 5, scale: 0.001, until: '2025-06-30' });
const { warehouse } = simulated;
let today = '';
const app = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
});

/** kpi.md's open_overdue of the whole city at A, counted on the documents themselves: open at A, due before it. */
async function overdueAt(asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: string }>(warehouse, `
    select toString(count()) as n from analytics.fct_incoming_document final
    where status not in ('withdrawn', 'returned') and received_date <= {a:Date32}
      and (completed_date is null or completed_date > {a:Date32}) and due_date is not null and due_date < {a:Date32}`, { a: asOf });
  return Number(row!.n);
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test('crossing midnight without a source change moves as_of and open_overdue, and renews the ETag', async () => {
  // A day D on which some documents are due and still open the day after: they are on time at D
  // (d ≥ A) and overdue at D + 1 (d < A). Other overdue documents may be completed on D + 1, so the
  // day is one where the overdue count, counted directly on the facts, does change overnight.
  const candidates = await queryRows<{ day: string }>(warehouse, `
    select toString(due_date) as day
    from analytics.fct_incoming_document final
    where status not in ('withdrawn', 'returned') and due_date between '2025-02-01' and '2025-06-20'
      and received_date <= due_date and (completed_date is null or completed_date > due_date + 1)
    group by due_date order by count() desc, due_date limit 10`);
  let day = '';
  for (const candidate of candidates) {
    if (await overdueAt(nextDay(candidate.day)) !== await overdueAt(candidate.day)) { day = candidate.day; break; }
  }
  assert.ok(day, 'the simulation has a day whose overdue count changes overnight');
  const url = '/api/v1/kpis?agency=000.00.00.H26&scope=subtree&from=2025-01-01&to=2035-12-31';

  today = day;
  const before = await app.inject({ method: 'GET', url });
  assert.equal(before.statusCode, 200, before.body);
  assert.equal(before.json().period.as_of, day);
  const etag = before.headers.etag as string;
  // The same day, the ETag still holds: 304.
  assert.equal((await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } })).statusCode, 304);

  // Midnight passes; nothing in the warehouse changes.
  today = nextDay(day);
  const revalidated = await app.inject({ method: 'GET', url, headers: { 'if-none-match': etag } });
  assert.equal(revalidated.statusCode, 200, "yesterday's ETag no longer matches");
  assert.notEqual(revalidated.headers.etag, etag);
  const after = revalidated.json();
  assert.equal(after.period.as_of, today);
  assert.equal(before.json().incoming.open_overdue, await overdueAt(day), `overdue on ${day}`);
  assert.equal(after.incoming.open_overdue, await overdueAt(today), `documents due ${day} are overdue on ${today}`);
  assert.equal(after.data_as_of, before.json().data_as_of, 'no build in between');

  // And the answer is the one a fresh server computes for that day (nothing of yesterday is kept).
  const fresh = await buildApp({ warehouse, today: () => today, logLevel: 'silent' });
  try {
    assert.deepEqual(after, (await fresh.inject({ method: 'GET', url })).json());
  } finally {
    await fresh.close();
  }
  // A plain request (no If-None-Match) after midnight is not served yesterday's cached answer either.
  assert.equal((await app.inject({ method: 'GET', url })).json().period.as_of, today);
});

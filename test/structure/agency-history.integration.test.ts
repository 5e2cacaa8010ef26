// Agency history is kept, never overwritten (kpi.md, Grouped views; issue 14): a commune renamed and
// then moved to another district through ordinary change events keeps each version with the days it
// held, in analytics.dim_agency_history, while eoffice_raw.agency and dim_agency hold the newest; a
// replay of the same events adds no version; /api/v1/agencies?date= shows each day's name and parent.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { queryRows } from '@vanban/common';
import { debeziumMessages, ingestMessages, LsnClock, type ChangeMessage, type SourceRow, type SourceTransaction } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
import { buildApp, type AgencyTree } from '@vanban/api';
import { temporaryWarehouse } from '../support/warehouse.js';

test('a commune renamed, then moved, keeps every version with the days it held; a replay adds none', { timeout: 300_000 }, async () => {
  const temporary = await temporaryWarehouse('agency-history');
  after(() => temporary.remove());
  const { warehouse } = temporary;
  const lsns = new LsnClock();
  const history: SourceTransaction[] = [];
  for await (const tx of simulate({ seed: 5, scale: 0.0005, until: '2023-03-31' })) history.push(tx);
  await ingestMessages(warehouse, debeziumMessages(history, lsns), { source: 'test' });

  // The newest row of each agency as the source holds it, straight from the simulated changes.
  const rows = new Map<number, SourceRow>();
  for (const tx of history) for (const change of tx.changes) if (change.table === 'agency' && change.after) rows.set(Number(change.after['id']), change.after);
  const live = [...rows.values()].filter((row) => row['valid_to'] === null);
  const commune = live.find((row) => row['kind'] === 'commune')!;
  const otherDistrict = live.find((row) => row['kind'] === 'district' && row['id'] !== commune['parent_id'])!;
  assert.ok(commune && otherDistrict, 'the simulated city has a commune and a second district');
  const id = Number(commune['id']);

  // Renamed on 10 April 2023 (09:00 in Hanoi), moved to the other district on 20 May.
  const renamed: SourceRow = { ...commune, name: `${String(commune['name'])} (đổi tên)`, updated_at: '2023-04-10T02:00:00.000000Z' };
  const moved: SourceRow = { ...renamed, parent_id: otherDistrict['id']!, updated_at: '2023-05-20T02:00:00.000000Z' };
  const changes: SourceTransaction[] = [
    { txId: 9_000_001, commitTime: '2023-04-10T02:00:00.000000Z', changes: [{ table: 'agency', op: 'u', before: commune, after: renamed }] },
    { txId: 9_000_002, commitTime: '2023-05-20T02:00:00.000000Z', changes: [{ table: 'agency', op: 'u', before: renamed, after: moved }] },
  ];
  const messages: ChangeMessage[] = [];
  for await (const message of debeziumMessages(changes, lsns)) messages.push(message);
  await ingestMessages(warehouse, messages, { source: 'test' });
  const stored = async () => Number((await queryRows<{ n: string }>(warehouse,
    'select toString(count()) as n from eoffice_raw.agency_history final where id = {id:Int64}', { id }))[0]!.n);
  const versionsBeforeReplay = await stored();
  // The same events again, as after a crash before the progress row: nothing new.
  await ingestMessages(warehouse, messages, { source: 'test' });
  assert.equal(await stored(), versionsBeforeReplay, 'a replay adds no version');
  // The merge ClickHouse does sooner or later, done now: eoffice_raw.agency keeps the newest version.
  await warehouse.command({ query: 'optimize table eoffice_raw.agency final' });
  await buildModels(warehouse);

  const versions = await queryRows<{ name: string; parent_id: string; version_from: string; version_to: string | null }>(warehouse, `
    select name, toString(parent_id) as parent_id, toString(version_from) as version_from,
           if(version_to is null, null, toString(version_to)) as version_to
    from analytics.dim_agency_history where agency_id = {id:Int64} order by version_from`, { id });
  assert.ok(versions.length >= 3, JSON.stringify(versions));
  assert.equal(versions[0]!.version_from, '1900-01-01', 'the first version known stands for the days before it');
  for (let i = 1; i < versions.length; i++) {
    const dayBefore = new Date(Date.parse(`${versions[i]!.version_from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    assert.equal(versions[i - 1]!.version_to, dayBefore, 'versions follow each other without a gap or an overlap');
  }
  assert.deepEqual(versions.slice(-3), [
    { name: commune['name'], parent_id: String(commune['parent_id']), version_from: versions.at(-3)!.version_from, version_to: '2023-04-09' },
    { name: renamed['name'], parent_id: String(commune['parent_id']), version_from: '2023-04-10', version_to: '2023-05-19' },
    { name: renamed['name'], parent_id: String(otherDistrict['id']), version_from: '2023-05-20', version_to: null },
  ]);

  // The IOC asks for the tree of a day: each day shows the name and the parent of that day.
  const app = await buildApp({ warehouse, today: () => '2023-06-30', logLevel: 'silent' });
  after(() => app.close());
  const on = async (date: string) => {
    const answer = await app.inject({ method: 'GET', url: `/api/v1/agencies?view=as_was&date=${date}` });
    assert.equal(answer.statusCode, 200, answer.body);
    const tree = answer.json<AgencyTree>();
    const node = tree.agencies.find((agency) => agency.code === commune['code'])!;
    return { name: node.name, parent: node.parent_code };
  };
  const codeOf = (row: SourceRow) => String(row['code']);
  const formerParent = codeOf(rows.get(Number(commune['parent_id']))!);
  assert.deepEqual(await on('2023-04-09'), { name: commune['name'], parent: formerParent });
  assert.deepEqual(await on('2023-04-10'), { name: renamed['name'], parent: formerParent });
  assert.deepEqual(await on('2023-05-20'), { name: renamed['name'], parent: codeOf(otherDistrict) });

  // The current state keeps the newest version only, as before.
  const [current] = await queryRows<{ name: string; parent_id: string }>(warehouse,
    'select name, toString(parent_id) as parent_id from analytics.dim_agency where agency_id = {id:Int64}', { id });
  assert.deepEqual(current, { name: renamed['name'], parent_id: String(otherDistrict['id']) });
});

// An incremental model is built as dbt-clickhouse builds one with the append strategy: created from
// the model with is_incremental() false when the table does not exist (or on a full refresh), and
// afterwards appended to with the rows of the model with is_incremental() true.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, queryRows } from '@vanban/common';
import { migrateRaw } from '@vanban/ingest';
import { buildModels, buildModelsRebuildingOutdated } from './build.js';
import { renderModel } from './project.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'incremental-'));
const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
after(async () => {
  await closeWarehouse(warehouse);
  rmSync(dataDir, { recursive: true, force: true });
});

const model = renderModel('inc_latest', '/dbt/models/marts/inc_latest.sql', `
{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(version)', order_by='id') }}
select id, value, version
from default.inc_source
{% if is_incremental() %}
where version > (select max(version) from {{ this }})
{% endif %}`);

async function read(): Promise<{ physical: number; latest: string }> {
  const [row] = await queryRows<{ physical: string; latest: string }>(warehouse,
    `select (select toString(count()) from analytics.inc_latest) as physical,
            (select arrayStringConcat(groupArray(concat(toString(id), '=', value)), ',') from (select id, value from analytics.inc_latest final order by id)) as latest`);
  return { physical: Number(row!.physical), latest: row!.latest };
}

test('created on the first run, appended to on the next, rebuilt on a full refresh', async () => {
  await migrateRaw(warehouse);
  await warehouse.command({ query: 'create table default.inc_source (id Int64, value String, version UInt64) engine = MergeTree order by id' });
  await warehouse.command({ query: "insert into default.inc_source values (1, 'a', 1), (2, 'b', 2)" });
  await buildModels(warehouse, { models: [model], skipCalendar: true });
  assert.deepEqual(await read(), { physical: 2, latest: '1=a,2=b' });

  // An update of 2 and a new 3: the run inserts only those two rows (the table is not rebuilt).
  await warehouse.command({ query: "insert into default.inc_source values (2, 'B', 3), (3, 'c', 4)" });
  await buildModels(warehouse, { models: [model], skipCalendar: true });
  assert.deepEqual(await read(), { physical: 4, latest: '1=a,2=B,3=c' });
  // Nothing new: nothing appended.
  await buildModels(warehouse, { models: [model], skipCalendar: true });
  assert.equal((await read()).physical, 4);

  // What an append cannot do, a full refresh does: the table is created again from the whole model.
  await warehouse.command({ query: 'truncate table default.inc_source' });
  await warehouse.command({ query: "insert into default.inc_source values (1, 'a', 1), (3, 'c', 4)" });
  await buildModels(warehouse, { models: [model], skipCalendar: true });
  assert.deepEqual(await read(), { physical: 4, latest: '1=a,2=B,3=c' }, 'an append keeps what it holds');
  await buildModels(warehouse, { models: [model], skipCalendar: true, fullRefresh: ['inc_latest'] });
  assert.deepEqual(await read(), { physical: 2, latest: '1=a,3=c' });
});

test('a table built with other columns than the model now has is named, with the full refresh that rebuilds it', async () => {
  await warehouse.command({ query: 'create table default.inc_wide (id Int64, value String) engine = MergeTree order by id' });
  await warehouse.command({ query: "insert into default.inc_wide values (1, 'a')" });
  // As agg_agency_daily: the incremental run compares what it derives with what the table holds.
  const shaped = (columns: string) => renderModel('inc_shaped', '/dbt/models/marts/inc_shaped.sql', `
{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='id') }}
with derived as (select ${columns}, now64(3) as _ingested_at from default.inc_wide)
{% if is_incremental() %}
, held as (select * except (_version, _is_deleted) from {{ this }} final)
{{ changed_rows('id') }}
{% else %}
{{ all_rows() }}
{% endif %}`);
  await buildModels(warehouse, { models: [shaped('id, value')], skipCalendar: true });
  // The model gained a column (a list of packed figures, say) after the table was built.
  await assert.rejects(buildModels(warehouse, { models: [shaped('id, value, length(value) as size')], skipCalendar: true }),
    (error: Error) => /other than the model's/.test(error.message) && error.message.includes('npm run models -- --full-refresh'));
  // `npm start` reuses its data directory across upgrades: there the table is rebuilt, and says so.
  const log: string[] = [];
  await buildModelsRebuildingOutdated(warehouse, { models: [shaped('id, value, length(value) as size')], skipCalendar: true, log: (line) => log.push(line) });
  assert.ok(log.includes('inc_shaped was built by an earlier version with other columns: rebuilding it from the raw tables'), log.join('\n'));
  const [row] = await queryRows<{ size: string }>(warehouse, 'select toString(size) as size from analytics.inc_shaped final where id = 1');
  assert.equal(row?.size, '1');
});

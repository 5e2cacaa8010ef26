import { test } from 'node:test';
import assert from 'node:assert/strict';
import { affectedModels, buildOrder, loadModels, plainMacro, renderModel } from './project.js';
import { parseCalendarCsv, readCalendar } from './calendar.js';

test('the supported Jinja renders to plain ClickHouse SQL', () => {
  const model = renderModel('m', '/x/marts/m.sql', "{{ config(materialized='table', order_by='(a, b)') }}\nselect * from {{ ref('stg_x') }} join {{ source('eoffice_raw', 'agency') }} where y = '{{ var('v', 'd') }}'");
  assert.equal(model.sql, "select * from analytics.stg_x join eoffice_raw.agency where y = 'd'");
  assert.deepEqual(model.refs, ['stg_x']);
  assert.equal(model.config.order_by, '(a, b)');
  assert.equal(renderModel('s', '/x/staging/s.sql', 'select 1').config.materialized, 'view');
  assert.throws(() => renderModel('m', 'f.sql', '{{ dbt_utils.star() }}'), /unsupported Jinja/);
  assert.throws(() => renderModel('m', 'f.sql', '{% if x %}1{% endif %}'), /not supported/);
});

test("a table's settings render as dbt-clickhouse renders them into CREATE TABLE", () => {
  const model = renderModel('m', '/x/marts/m.sql', "{{ config(materialized='table', order_by='(a, b)', settings={'index_granularity': 256, 'storage_policy': 'default'}, engine='MergeTree()') }} select 1");
  assert.equal(model.config.settings, "index_granularity=256, storage_policy='default'");
  assert.equal(model.config.order_by, '(a, b)');
  assert.equal(model.config.engine, 'MergeTree()');
  assert.throws(() => renderModel('v', '/x/marts/v.sql', "{{ config(materialized='view', settings={'index_granularity': 256}) }} select 1"), /settings/);
  // First, last or alone, the text of the other arguments stays as written.
  for (const config of ["settings={'index_granularity': 256}, materialized='table', post_hook='select 1 , , 2'",
    "materialized='table', post_hook='select 1 , , 2', settings={'index_granularity': 256}",
    "materialized='table', settings={'index_granularity': 256}, post_hook='select 1 , , 2'"]) {
    const rendered = renderModel('m', '/x/marts/m.sql', `{{ config(${config}) }} select 1`).config;
    assert.deepEqual([rendered.settings, rendered.post_hook, rendered.materialized], ['index_granularity=256', 'select 1 , , 2', 'table'], config);
  }
  assert.equal(renderModel('m', '/x/marts/m.sql', "{{ config(settings={'index_granularity': 256}) }} select 1").config.settings, 'index_granularity=256');
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ config(materialized='table', settings={'a': 1},, order_by='x') }} select 1"), /must be key='text'/);
});

test('a configuration the runner does not implement is refused, not built some other way; {# comments #} are dropped', () => {
  for (const config of ["materialized='incremental', unique_key='id'", "materialized='ephemeral'", "order_by=['a', 'b']", "settings={'x': 1.5}", "settings={'x': y}", "order_by=some_var"]) {
    assert.throws(() => renderModel('m', '/x/marts/m.sql', `{{ config(${config}) }} select 1`), /not implemented|must be key='text'|settings entry/, config);
  }
  const model = renderModel('m', '/x/marts/m.sql', "{# a note with {{ ref('nope') }} inside #}{{ config(materialized='view') }}select 1 {#- trailing -#}");
  assert.equal(model.sql, 'select 1');
  assert.deepEqual(model.refs, [], 'a commented-out ref is not a dependency');
});

test('an incremental model renders as dbt renders it on its first run and on the next ones', () => {
  const text = "{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(v)', order_by='id') }}\n"
    + "select id, v from {{ source('eoffice_raw', 'agency') }}{% if is_incremental() %} where v > (select max(v) from {{ this }}){% else %} where 1{% endif %}";
  const model = renderModel('m', '/x/marts/m.sql', text);
  assert.equal(model.config.materialized, 'incremental');
  assert.equal(model.sql, 'select id, v from eoffice_raw.agency where 1');
  assert.equal(model.incrementalSql, 'select id, v from eoffice_raw.agency where v > (select max(v) from analytics.m)');
  // dbt-clickhouse's other strategies (legacy, delete+insert, insert_overwrite, microbatch) are not implemented.
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ config(materialized='incremental') }} select 1"), /incremental_strategy='append'/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ config(materialized='incremental', incremental_strategy='delete+insert') }} select 1"), /not implemented/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ config(materialized='table') }} select 1{% if is_incremental() %} where 0{% endif %}"), /not materialized='incremental'/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ config(materialized='incremental', incremental_strategy='append') }} select 1{% if execute %}{% endif %}"), /not supported/);
});

test('the build log\'s DDL is dbt\'s macro, plain SQL the runner runs as it is', () => {
  const ddl = plainMacro('model_builds.sql', 'create_model_builds');
  assert.match(ddl, /create table if not exists analytics\._model_builds/);
  assert.doesNotMatch(ddl, /\{[{%#]/);
  assert.throws(() => plainMacro('model_builds.sql', 'start_model_build'), /not plain SQL/);
});

test('a macro of the project is called with text arguments and renders its body with them, as Jinja does; anything else is refused', () => {
  const model = renderModel('m', '/x/marts/m.sql', "{{ config(materialized='incremental', incremental_strategy='append') }}\nwith derived as (select 1 as a, now64(3) as _ingested_at)\n"
    + "{% if is_incremental() %}, held as (select * from {{ this }}) {{ changed_rows('a') }}{% else %}{{ all_rows() }}{% endif %}");
  assert.match(model.incrementalSql!, /partition by a\) as _derived_rows/);
  assert.match(model.incrementalSql!, /partition by a, _content\) as _same_rows/);
  assert.match(model.sql, /cityHash64\(tuple\(\* except \(_ingested_at\)\)\) as _content/);
  assert.doesNotMatch(model.sql + model.incrementalSql!, /\{[{%#]/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', '{{ changed_rows() }}'), /one text argument \('…'\) per parameter \(key\)/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', '{{ changed_rows(some_var) }}'), /one text argument/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', '{{ start_model_build() }}'), /Jinja statements/);
});

test('a macro may hold an is_incremental() block, which renders as the model it is called from', () => {
  // dbt renders a macro in the model's context: is_incremental() answers for the model being built.
  const macros = new Map([['rows', { file: 'rows.sql', params: [], body: "select 1 as a {% if is_incremental() %}union all select 2{% else %}union all select 3{% endif %}" }]]);
  const model = renderModel('m', '/x/marts/m.sql', "{{ config(materialized='incremental', incremental_strategy='append') }}\n{{ rows() }}", {}, undefined, macros);
  assert.match(model.sql, /select 1 as a union all select 3/);
  assert.match(model.incrementalSql!, /select 1 as a union all select 2/);
  const other = new Map([['rows', { file: 'rows.sql', params: [], body: "select 1 {% if var_x %}, 2{% endif %}" }]]);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', '{{ rows() }}', {}, undefined, other), /other than \{% if is_incremental\(\) %\}/);
});

test('a macro passes its own parameter on to another macro, as Jinja passes a variable', () => {
  // picked_up_since(model) calls last_build_start(model): the model's name reaches the inner body.
  const model = renderModel('m', '/x/marts/m.sql', "select {{ picked_up_since('fct_x') }} as at", { incremental_lookback_seconds: '7' });
  assert.match(model.sql, /^select fromUnixTimestamp64Nano\(toInt64\(ifNull\(\(select .* from analytics\._model_builds where has\(models, 'fct_x'\) .*\)\), 'UTC'\) - interval 7 second as at$/s);
  assert.doesNotMatch(model.sql, /\{[{%#]|\bmodel\b/);
  // A name the calling model has not bound is not a text: refused, as before.
  assert.throws(() => renderModel('m', '/x/marts/m.sql', '{{ last_build_start(model) }}'), /one text argument \('…'\) per parameter \(model\)/);
  assert.throws(() => renderModel('m', '/x/marts/m.sql', "{{ picked_up_since('a', 'b') }}"), /per parameter \(model\)/);
});

test('models are built after the models they ref; a cycle is refused', () => {
  const a = renderModel('a', 'a.sql', "select * from {{ ref('b') }}");
  const b = renderModel('b', 'b.sql', 'select 1');
  assert.deepEqual(buildOrder([a, b]).map((m) => m.name), ['b', 'a']);
  const c = renderModel('c', 'c.sql', "select * from {{ ref('d') }}");
  const d = renderModel('d', 'd.sql', "select * from {{ ref('c') }}");
  assert.throws(() => buildOrder([c, d]), /cycle: c → d → c/);
  const order = buildOrder(loadModels()).map((m) => m.name);
  assert.ok(order.indexOf('fct_incoming_document') > order.indexOf('int_working_days'));
  assert.ok(order.indexOf('int_agency_cohort_daily') > order.indexOf('fct_incoming_document'));
  assert.ok(order.indexOf('agg_agency_daily') > order.indexOf('int_agency_cohort_daily'));
});

test('the calendar seed parses and an operator file is validated', () => {
  const rows = readCalendar();
  assert.ok(rows.some((r) => r.date === '2025-01-29' && r.kind !== 'makeup_workday'), 'Tết 2025 is in the seed');
  assert.throws(() => parseCalendarCsv('date,kind,name,source\n2027-13-01,holiday,x,y', 'extra.csv'), /extra.csv:2: "2027-13-01"|kind/);
  assert.throws(() => parseCalendarCsv('date,kind,name,source\n2027-02-01,party,x,y', 'extra.csv'), /kind "party"/);
  assert.deepEqual(parseCalendarCsv('date,kind,name,source\n2027-02-06,makeup_workday,Làm bù,QĐ', 'x.csv'),
    [{ date: '2027-02-06', kind: 'makeup_workday', name: 'Làm bù', source: 'QĐ' }]);
});

test('a change to a source table rebuilds the models that read it and everything downstream, nothing else', () => {
  const models = loadModels();
  const names = (tables: string[]) => affectedModels(models, tables).map((m) => m.name);
  const dispatch = names(['dispatch']);
  assert.ok(dispatch.includes('stg_eoffice__dispatch'));
  assert.ok(dispatch.includes('fct_dispatch'));
  assert.ok(dispatch.includes('int_agency_cohort_daily') && dispatch.includes('agg_agency_daily'));
  // The incoming facts read the dispatch that delivered a document (its delivery time, kpi.md Where
  // documents wait); the outgoing facts and the structure do not.
  assert.ok(dispatch.includes('fct_incoming_document'), 'incoming facts read the delivering dispatch');
  assert.ok(!dispatch.includes('fct_outgoing_document') && !dispatch.includes('dim_agency'));
  const log = names(['processing_log']);
  assert.ok(log.includes('int_incoming_step_log') && log.includes('fct_incoming_document') && log.includes('agg_agency_daily') && !log.includes('fct_dispatch'), 'a processing step moves the stages');
  const agency = names(['agency']);
  assert.ok(agency.includes('dim_agency') && agency.includes('int_agency_ancestors'), 'agency changes rebuild the structure');
  // Where documents count in as_is depends on today and is resolved per request (api/src/kpi/structure.ts),
  // so a change of structure no longer rebuilds the facts.
  assert.ok(!agency.includes('fct_incoming_document') && !agency.includes('agg_agency_daily'), 'agency changes do not rebuild the facts');
  assert.deepEqual(names([]), []);
  const order = names(['incoming_document']);
  assert.ok(order.indexOf('int_agency_cohort_daily') > order.indexOf('fct_incoming_document'), 'in build order');
});

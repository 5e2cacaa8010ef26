{#- The build log behind data_as_of (ioc-api.md), for runs of dbt itself. The in-process runner
    (transform/src/build.ts) runs create_model_builds as it is and writes the log row itself, with the
    versions it publishes; these macros are dbt's hooks (dbt_project.yml) for the same rows. -#}

{% macro create_model_builds() %}
-- One row per successful model build: which models were rebuilt and the ingest watermark they
-- include. data_as_of is the latest watermark a build vouched for, so the API never claims data the
-- models do not hold yet (null: this build claims nothing new). `published` maps each model read
-- together with others to the version readers use (empty: the plain tables): the latest row (by
-- build_id) is the current publication, all of it at once.
create database if not exists analytics;
create table if not exists analytics._model_builds
(
    built_at DateTime64(3, 'UTC') default now64(3),
    data_as_of Nullable(DateTime64(3, 'UTC')) comment 'source commit time of the newest change ingested before the build began',
    models Array(String),
    seconds Float64
)
engine = MergeTree
order by built_at;
alter table analytics._model_builds add column if not exists build_id UInt64 default 0;
alter table analytics._model_builds add column if not exists published Map(String, String);
{% endmacro %}

{% macro start_model_build() %}
    {#- on-run-start: the log exists, and the watermark is read before any model, so the build only
        vouches for what had been ingested when it began. -#}
    {% for statement in create_model_builds().split(';') if statement.strip() %}
        {% do run_query(statement) %}
    {% endfor %}
    create or replace table analytics._dbt_build_start engine = Memory as
    select now64(3) as started_at, (select max(max_source_ts) from eoffice_raw._ingest_progress having count() > 0) as watermark
{% endmacro %}

{% macro finish_model_build(results) %}
    {#- on-run-end: one log row, only when every model built. -#}
    {% if results | selectattr('status', 'in', ['error', 'fail', 'skipped']) | list | length == 0 %}
    insert into analytics._model_builds (build_id, data_as_of, models, seconds, published)
    select toUInt64(greatest(toUnixTimestamp64Milli(now64(3)), (select max(build_id) + 1 from analytics._model_builds))),
           watermark,
           [{% for result in results if result.node.resource_type == 'model' %}'{{ result.node.name }}'{% if not loop.last %}, {% endif %}{% endfor %}],
           dateDiff('millisecond', started_at, now64(3)) / 1000,
           map()
    from analytics._dbt_build_start
    {% endif %}
{% endmacro %}

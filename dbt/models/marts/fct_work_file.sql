{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, opened_date, work_file_id)', settings={'index_granularity': 1024}) }}
-- Granules of 1,024 rows, as fct_incoming_document (why, there).
-- One row per work file (hồ sơ công việc) of an agency.
-- Kept incrementally as fct_incoming_document is (dbt/INCREMENTAL.md); read it with FINAL.

with

{% if is_incremental() %}
since as (
    -- Raw rows are picked up from the start of the last build that ran this model, less the lookback
    -- (macros/incremental.sql, picked_up_since), whether or not that build wrote anything.
    select {{ picked_up_since('fct_work_file') }} as at
),

changed as (
    -- Rows with a raw version that arrived since the last run (`since`).
    select distinct id from {{ source('eoffice_raw', 'work_file') }} where _ingested_at >= (select at from since)
),
{% endif %}

derived as (
    select
        work_file.id as work_file_id,
        work_file.agency_id as agency_id,
        toDate32(toTimeZone(work_file.opened_at, 'Asia/Ho_Chi_Minh')) as opened_date,
        work_file.electronic as electronic,
        if(work_file.closed_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.closed_at), 'Asia/Ho_Chi_Minh'))) as closed_date,
        if(work_file.archived_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.archived_at), 'Asia/Ho_Chi_Minh'))) as archived_date,
        work_file._ingested_at as _ingested_at
    from {{ ref('stg_eoffice__work_file') }} as work_file
    {% if is_incremental() %}
    where work_file.id in (select id from changed)
    {% endif %}
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed work files (macros/incremental.sql).
    select * except (_version, _is_deleted) from {{ this }} final
    where {{ at_changed_places('agency_id, opened_date, work_file_id', 'work_file_id') }}
)

{{ changed_rows('agency_id, opened_date, work_file_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(incoming_id, log_id)') }}
-- The processing_log rows that mark a step of an incoming document (kpi.md, Where documents wait:
-- `submit`, trình; `assign`, giao xử lý), as they stand, keyed and ordered by the document:
-- fct_incoming_document reads each document's first submit and assign from here by primary key,
-- where processing_log itself (ordered by its own id, 104 M rows at scale 1) has to be scanned
-- whole to find one document's rows. Read with FINAL.
-- Kept incrementally (dbt/INCREMENTAL.md): a run takes the log rows that arrived since the start of
-- the last build that ran it (less the lookback), reads each as it stands by its id (primary key,
-- every version: a delete arrives as a field-less tombstone, and the document it belonged to is
-- found in its earlier versions), and writes or retires their rows with changed_rows.

with

{% if is_incremental() %}
since as (
    select {{ picked_up_since('int_incoming_step_log') }} as at
),
changed as (
    select distinct id from {{ source('eoffice_raw', 'processing_log') }}
    where _ingested_at >= (select at from since)
),
{% endif %}

log as (
    select id, incoming_id, action, at, _ingested_at
    from {{ ref('stg_eoffice__processing_log') }}
    where incoming_id is not null and action in ('submit', 'assign')
    {% if is_incremental() %}
      and id in (select id from changed)
    {% endif %}
),

derived as (
    select assumeNotNull(incoming_id) as incoming_id, id as log_id, action, at, _ingested_at
    from log
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed log rows, at every document any version of them named.
    select * except (_version, _is_deleted) from {{ this }} final
    where (incoming_id, log_id) in (
        select assumeNotNull(incoming_id), id from {{ source('eoffice_raw', 'processing_log') }}
        where id in (select id from changed) and incoming_id is not null)
)

{{ changed_rows('incoming_id, log_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

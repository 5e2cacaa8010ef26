{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, drafted_date, outgoing_id)', settings={'index_granularity': 1024}) }}
-- Granules of 1,024 rows, as fct_incoming_document (why, there).
-- One row per outgoing document (văn bản đi) of the issuing agency, with local dates and the
-- drafting time in working days: wd(issued_date) − wd(drafted_date). A date outside the working-day
-- calendar leaves drafting_days null (the document still counts as issued) and is reported by
-- dq_outside_calendar; no join may drop a document.
-- Kept incrementally as fct_incoming_document is (dbt/INCREMENTAL.md); read it with FINAL.

with

{% if is_incremental() %}
since as (
    -- Raw rows are picked up from the start of the last build that ran this model, less the lookback
    -- (macros/incremental.sql, picked_up_since), whether or not that build wrote anything.
    select {{ picked_up_since('fct_outgoing_document') }} as at
),

changed as (
    -- Rows with a raw version that arrived since the last run (`since`).
    select distinct id from {{ source('eoffice_raw', 'outgoing_document') }} where _ingested_at >= (select at from since)
),
{% endif %}

outgoing as (
    select
        id,
        agency_id,
        status,
        toDate32(toTimeZone(drafted_at, 'Asia/Ho_Chi_Minh')) as drafted_date,
        if(issued_at is null, null, toDate32(toTimeZone(assumeNotNull(issued_at), 'Asia/Ho_Chi_Minh'))) as issued_date,
        digitally_signed,
        doc_type,
        _ingested_at
    from {{ ref('stg_eoffice__outgoing_document') }}
    {% if is_incremental() %}
    where id in (select id from changed)
    {% endif %}
),

working_days as (
    select date, wd from {{ ref('int_working_days') }}
),

derived as (
select
    outgoing.id as outgoing_id,
    outgoing.agency_id as agency_id,
    outgoing.status as status,
    outgoing.doc_type as doc_type,
    outgoing.drafted_date as drafted_date,
    outgoing.issued_date as issued_date,
    outgoing.digitally_signed as digitally_signed,
    if(outgoing.issued_date is null or drafted_wd.wd is null or issued_wd.wd is null,
       null, issued_wd.wd - drafted_wd.wd) as drafting_days,
    outgoing._ingested_at as _ingested_at
from outgoing
left join working_days as drafted_wd on drafted_wd.date = outgoing.drafted_date
left join working_days as issued_wd on issued_wd.date = outgoing.issued_date
settings join_use_nulls = 1
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed documents (macros/incremental.sql).
    select * except (_version, _is_deleted) from {{ this }} final
    where {{ at_changed_places('agency_id, drafted_date, outgoing_id', 'outgoing_id') }}
)

{{ changed_rows('agency_id, drafted_date, outgoing_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, sent_date, dispatch_id)', settings={'index_granularity': 1024}) }}
-- Granules of 1,024 rows, as fct_incoming_document (why, there).
-- depends_on: {{ ref('int_changed_dispatches') }} (read by incremental runs only; dbt finds refs in the first rendering)
-- One row per dispatch (nơi nhận) of an outgoing document, attributed to the issuing agency.
-- Kept incrementally as fct_incoming_document is (dbt/INCREMENTAL.md); read it with FINAL. A
-- dispatch is re-derived when its own row changes or its outgoing document's does (the agency and
-- status it takes from there, or the document's leaving the warehouse).

with

{% if is_incremental() %}
changed as (
    select id from {{ ref('int_changed_dispatches') }}
),
{% endif %}

derived as (
    select
        dispatch.id as dispatch_id,
        dispatch.outgoing_id as outgoing_id,
        outgoing.agency_id as agency_id,
        outgoing.status as outgoing_status,
        toDate32(toTimeZone(dispatch.sent_at, 'Asia/Ho_Chi_Minh')) as sent_date,
        dispatch.channel as channel,
        dispatch.channel in ('internal', 'national_axis') as is_electronic,
        dispatch.recipient_agency_id as recipient_agency_id,
        dispatch.status as status,
        greatest(dispatch._ingested_at, outgoing._ingested_at) as _ingested_at
    from {{ ref('stg_eoffice__dispatch') }} as dispatch
    -- Dispatches of secret documents have no outgoing row in the warehouse and drop out here.
    inner join {{ ref('fct_outgoing_document') }} as outgoing final on outgoing.outgoing_id = dispatch.outgoing_id
    {% if is_incremental() %}
    where dispatch.id in (select id from changed)
    {% endif %}
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed dispatches (macros/incremental.sql).
    select * except (_version, _is_deleted) from {{ this }} final
    where {{ at_changed_places('agency_id, sent_date, dispatch_id', 'dispatch_id') }}
)

{{ changed_rows('agency_id, sent_date, dispatch_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

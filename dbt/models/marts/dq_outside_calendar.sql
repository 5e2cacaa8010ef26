{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(document, date_kind, document_id)') }}
-- Data-quality problem (kpi.md: no document may vanish): documents with a date outside the
-- working-day calendar (int_working_days, 2000-01-01 … 2035-12-31). They still count in every
-- figure that needs no working days (received, completed, open stocks, cohorts…); only their
-- durations in working days are unknown (null). One row per document and kind of date, with its
-- agency and the date; the runner logs the totals after each build (transform/src/data-quality.ts),
-- so the error is seen rather than silently absorbed. Read with FINAL.
-- Kept incrementally (dbt/INCREMENTAL.md): a run looks again at the documents whose fact rows were
-- written since the last build that ran it; such documents are rare, so the table stays small.

with

calendar as (
    select min(date) as first_day, max(date) as last_day from {{ ref('int_working_days') }}
),

{% if is_incremental() %}
-- The fact rows written since the last build that ran this model, with their keys: the documents
-- are then read by primary-key ranges (reading them by id with FINAL would merge the whole fact).
changed_incoming as (
    select agency_id, received_date, incoming_id from {{ ref('fct_incoming_document') }} where _version > {{ last_build_end('dq_outside_calendar') }}
),

changed_outgoing as (
    select agency_id, drafted_date, outgoing_id from {{ ref('fct_outgoing_document') }} where _version > {{ last_build_end('dq_outside_calendar') }}
),
{% endif %}

incoming as (
    select incoming_id, agency_id, received_date, completed_date, _ingested_at
    from {{ ref('fct_incoming_document') }} final
    {% if is_incremental() %}
    where (agency_id, received_date, incoming_id) in (select agency_id, received_date, incoming_id from changed_incoming)
    {% endif %}
),

outgoing as (
    select outgoing_id, agency_id, drafted_date, issued_date, _ingested_at
    from {{ ref('fct_outgoing_document') }} final
    {% if is_incremental() %}
    where (agency_id, drafted_date, outgoing_id) in (select agency_id, drafted_date, outgoing_id from changed_outgoing)
    {% endif %}
),

dates as (
    select 'incoming' as document, 'received' as date_kind, incoming_id as document_id, agency_id, received_date as date, _ingested_at
    from incoming
    union all
    select 'incoming', 'completed', incoming_id, agency_id, assumeNotNull(completed_date), _ingested_at
    from incoming
    where completed_date is not null
    union all
    select 'outgoing', 'drafted', outgoing_id, agency_id, drafted_date, _ingested_at
    from outgoing
    union all
    select 'outgoing', 'issued', outgoing_id, agency_id, assumeNotNull(issued_date), _ingested_at
    from outgoing
    where issued_date is not null
),

derived as (
    select document, date_kind, document_id, agency_id, date, _ingested_at
    from dates
    where date < (select first_day from calendar) or date > (select last_day from calendar)
)

{% if is_incremental() %}
, held as (
    select * except (_version, _is_deleted) from {{ this }} final
    where (document = 'incoming' and document_id in (select incoming_id from changed_incoming))
       or (document = 'outgoing' and document_id in (select outgoing_id from changed_outgoing))
)

{{ changed_rows('document, date_kind, document_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

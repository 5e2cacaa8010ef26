{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, document, date_kind)') }}
-- Data-quality problem (kpi.md: no document may vanish): documents with a date outside the
-- working-day calendar (int_working_days, 2000-01-01 … 2035-12-31). They still count in every
-- figure that needs no working days (received, completed, open stocks, cohorts…); only their
-- durations in working days are unknown (null). One row per agency, kind of document and kind of
-- date, with how many documents and the earliest and latest such date; the runner logs the total
-- after each build, so the error is seen rather than silently absorbed.

with

calendar as (
    select min(date) as first_day, max(date) as last_day from {{ ref('int_working_days') }}
),

dates as (
    select agency_id, 'incoming' as document, 'received' as date_kind, received_date as date
    from {{ ref('fct_incoming_document') }} final
    union all
    select agency_id, 'incoming', 'completed', assumeNotNull(completed_date)
    from {{ ref('fct_incoming_document') }} final
    where completed_date is not null
    union all
    select agency_id, 'outgoing', 'drafted', drafted_date
    from {{ ref('fct_outgoing_document') }} final
    union all
    select agency_id, 'outgoing', 'issued', assumeNotNull(issued_date)
    from {{ ref('fct_outgoing_document') }} final
    where issued_date is not null
)

select
    agency_id,
    document,
    date_kind,
    count() as documents,
    min(date) as first_date,
    max(date) as last_date
from dates
where date < (select first_day from calendar) or date > (select last_day from calendar)
group by agency_id, document, date_kind

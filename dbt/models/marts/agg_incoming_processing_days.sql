{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id, processing_days)') }}
-- Histogram of processing times in working days by agency and day of completion, from which the
-- API takes exact nearest-rank quantiles over any period and group of agencies.

select
    agency_id,
    assumeNotNull(completed_date) as day,
    assumeNotNull(processing_days) as processing_days,
    count() as documents
-- (qualified: the alias processing_days above would shadow the column in WHERE and hide its nulls)
from {{ ref('fct_incoming_document') }} as fact final
where status = 'completed' and completed_date is not null
  -- a date outside the working-day calendar has no duration (dq_outside_calendar reports it)
  and fact.processing_days is not null
group by agency_id, day, processing_days

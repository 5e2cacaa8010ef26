{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id, drafting_days)') }}
-- Histogram of drafting times (wd(i) − wd(f)) by agency and day of issue, for exact quantiles.

select
    agency_id,
    assumeNotNull(issued_date) as day,
    assumeNotNull(drafting_days) as drafting_days,
    count() as documents
-- (qualified: the alias drafting_days above would shadow the column in WHERE and hide its nulls)
from {{ ref('fct_outgoing_document') }} as fact final
where status = 'issued' and issued_date is not null
  -- a date outside the working-day calendar has no duration (dq_outside_calendar reports it)
  and fact.drafting_days is not null
group by agency_id, day, drafting_days

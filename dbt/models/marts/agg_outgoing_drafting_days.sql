{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id, drafting_days)') }}
-- Histogram of drafting times (wd(i) − wd(f)) by agency and day of issue, for exact quantiles.

select
    agency_id,
    any(current_agency_id) as current_agency_id,
    assumeNotNull(issued_date) as day,
    assumeNotNull(drafting_days) as drafting_days,
    count() as documents
from {{ ref('fct_outgoing_document') }}
where status = 'issued' and issued_date is not null
group by agency_id, day, drafting_days

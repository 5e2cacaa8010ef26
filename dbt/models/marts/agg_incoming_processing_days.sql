{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id, processing_days)') }}
-- Histogram of processing times in working days by agency and day of completion, from which the
-- API takes exact nearest-rank quantiles over any period and group of agencies.

select
    agency_id,
    any(current_agency_id) as current_agency_id,
    assumeNotNull(completed_date) as day,
    assumeNotNull(processing_days) as processing_days,
    count() as documents
from {{ ref('fct_incoming_document') }}
where status = 'completed' and completed_date is not null
group by agency_id, day, processing_days

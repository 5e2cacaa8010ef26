{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Completed incoming documents by agency and local day of completion (c), split by deadline.

select
    agency_id,
    assumeNotNull(completed_date) as day,
    count() as completed,
    countIf(due_date is not null and completed_date <= due_date) as completed_on_time,
    countIf(due_date is not null and completed_date > due_date) as completed_late,
    countIf(due_date is null) as completed_no_deadline,
    sum(processing_days) as processing_days_sum
from {{ ref('fct_incoming_document') }} final
where status = 'completed' and completed_date is not null
group by agency_id, day

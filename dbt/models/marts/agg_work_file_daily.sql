{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Work files opened by agency and local day, and how many are kept electronically.

select
    agency_id,
    opened_date as day,
    count() as opened,
    countIf(electronic) as electronic
from {{ ref('fct_work_file') }} final
group by agency_id, opened_date

{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Dispatches of issued documents by issuing agency and local day sent, and how many went
-- electronically (inside the city system or over the national document axis).

select
    agency_id,
    sent_date as day,
    count() as dispatches,
    countIf(is_electronic) as electronic
from {{ ref('fct_dispatch') }} final
where outgoing_status = 'issued'
group by agency_id, sent_date

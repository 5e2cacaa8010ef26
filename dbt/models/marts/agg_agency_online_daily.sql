{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Agencies active on a day: at least one incoming document registered that day was handled on the
-- system (kpi.md, Adoption). Withdrawn and returned documents do not qualify.

select distinct
    agency_id,
    received_date as day
from {{ ref('fct_incoming_document') }} final
where status not in ('withdrawn', 'returned') and handled_on_system

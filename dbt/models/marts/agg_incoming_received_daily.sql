{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Incoming documents by receiving agency and local day of registration (r). Withdrawn documents
-- never count; returned ones count only in `returned` (kpi.md).

select
    agency_id,
    received_date as day,
    countIf(status != 'returned') as received,
    countIf(status = 'returned') as returned,
    countIf(status != 'returned' and handled_on_system) as online,
    countIf(status != 'returned' and is_interconnected) as interconnected
from {{ ref('fct_incoming_document') }} final
where status != 'withdrawn'
group by agency_id, received_date

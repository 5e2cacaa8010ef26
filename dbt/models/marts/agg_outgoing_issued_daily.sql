{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Issued outgoing documents by agency and local day of issue (i); only status `issued` counts.

select
    agency_id,
    assumeNotNull(issued_date) as day,
    count() as issued,
    countIf(digitally_signed) as digitally_signed
from {{ ref('fct_outgoing_document') }} final
where status = 'issued' and issued_date is not null
group by agency_id, day

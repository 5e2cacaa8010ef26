{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- For view as_is: the agency each agency's documents count for today, following the primary
-- succession rows (sáp nhập) to an agency that has no primary successor. Hanoi's chains are at most
-- two steps long (a commune abolished on 2025-01-01, then merged on 2025-07-01); four are followed,
-- and a test checks that the result has no primary successor left.

with primary_successor as (
    select predecessor_id, successor_id
    from {{ ref('stg_eoffice__agency_succession') }}
    where is_primary
)

select
    agency.id as agency_id,
    coalesce(step4.successor_id, step3.successor_id, step2.successor_id, step1.successor_id, agency.id) as current_agency_id
from {{ ref('stg_eoffice__agency') }} as agency
left join primary_successor as step1 on step1.predecessor_id = agency.id
left join primary_successor as step2 on step2.predecessor_id = step1.successor_id
left join primary_successor as step3 on step3.predecessor_id = step2.successor_id
left join primary_successor as step4 on step4.predecessor_id = step3.successor_id
settings join_use_nulls = 1

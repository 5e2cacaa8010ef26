{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- The agency each agency's documents would count for in view as_is if every succession recorded
-- so far were already in effect, following the primary succession rows to an agency that has no
-- primary successor (chains of any length; 64 steps stop a cycle).
-- Not what the API counts by: a succession applies from its effective_date and today moves, so
-- /api/v1/kpis resolves as_is per request (api/src/kpi/structure.ts, from dim_agency's
-- primary_successor_id and succession_effective_date). Kept in dim_agency for readers that want
-- the structure once every recorded change has happened.

with recursive

primary_successor as (
    select predecessor_id, successor_id
    from {{ ref('stg_eoffice__agency_succession') }}
    where is_primary
),

chain as (
    select id as agency_id, id as current_id, 0 as depth
    from {{ ref('stg_eoffice__agency') }}
    union all
    select chain.agency_id, step.successor_id, chain.depth + 1
    from chain
    inner join primary_successor as step on step.predecessor_id = chain.current_id
    where chain.depth < 64
)

select agency_id, argMax(current_id, depth) as current_agency_id
from chain
group by agency_id

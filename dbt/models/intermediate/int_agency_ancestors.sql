{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- Each agency with itself and every agency above it through parent_id, at any depth, so that a
-- subtree is `has(ancestor_ids, X)`. The city (the root of kind `city`) is above every agency
-- (kpi.md: the city's subtree is everything), so an agency without a parent, or whose chain ends
-- elsewhere, still counts in the city. The walk stops after 64 steps: only a cycle in parent_id
-- goes that deep, and assert_agency_parent_chains_end names it.

with recursive

agency as (
    select id, parent_id from {{ ref('stg_eoffice__agency') }}
),

chain as (
    select id as agency_id, id as ancestor_id, parent_id, 0 as hops
    from agency
    union all
    select chain.agency_id, parent.id, parent.parent_id, chain.hops + 1
    from chain
    inner join agency as parent on parent.id = chain.parent_id
    where chain.hops < 64
),

city as (
    select groupArray(id) as ids
    from {{ ref('stg_eoffice__agency') }}
    where kind = 'city' and parent_id is null
)

select
    agency_id,
    arrayDistinct(arrayConcat(
        arrayMap(step -> step.2, arraySort(step -> step.1, groupArray((hops, ancestor_id)))),
        (select ids from city)
    ))::Array(Int64) as ancestor_ids,
    -- how many parents above it (64: a cycle, see assert_agency_parent_chains_end)
    toUInt32(max(hops)) as depth
from chain
group by agency_id

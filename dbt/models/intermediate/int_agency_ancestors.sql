{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- Each agency with itself and every agency above it through parent_id (commune → district → city),
-- so that a subtree is `has(ancestor_ids, X)`.

with agency as (
    select id, parent_id from {{ ref('stg_eoffice__agency') }}
)

select
    a.id as agency_id,
    arrayFilter(x -> x is not null, [a.id, p1.id, p2.id, p3.id, p4.id])::Array(Int64) as ancestor_ids
from agency as a
left join agency as p1 on p1.id = a.parent_id
left join agency as p2 on p2.id = p1.parent_id
left join agency as p3 on p3.id = p2.parent_id
left join agency as p4 on p4.id = p3.parent_id
settings join_use_nulls = 1

{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- One row per agency that ever existed: kind, hierarchy (parent and ancestors), validity, and the
-- 2025 reorganisations (predecessors, successors, and the current agency its documents count for in as_is).

with agency as (
    select * from {{ ref('stg_eoffice__agency') }}
),

succession as (
    select * from {{ ref('stg_eoffice__agency_succession') }}
),

predecessors as (
    select successor_id as agency_id, groupArray(predecessor_id) as predecessor_ids
    from succession group by successor_id
),

successors as (
    select predecessor_id as agency_id, groupArray(successor_id) as successor_ids
    from succession group by predecessor_id
)

select
    agency.id as agency_id,
    agency.code as code,
    agency.name as name,
    agency.short_name as short_name,
    agency.kind as kind,
    agency.parent_id as parent_id,
    agency.admin_unit_code as admin_unit_code,
    agency.valid_from as valid_from,
    agency.valid_to as valid_to,
    current.current_agency_id as current_agency_id,
    agency.valid_to is not null as is_ended,
    ancestors.ancestor_ids as ancestor_ids,
    predecessors.predecessor_ids as predecessor_ids,
    successors.successor_ids as successor_ids
from agency
inner join {{ ref('int_agency_current') }} as current on current.agency_id = agency.id
inner join {{ ref('int_agency_ancestors') }} as ancestors on ancestors.agency_id = agency.id
left join predecessors on predecessors.agency_id = agency.id
left join successors on successors.agency_id = agency.id

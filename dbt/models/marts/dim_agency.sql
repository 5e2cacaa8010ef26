{{ config(materialized='table', engine='MergeTree()', order_by='agency_id') }}
-- One row per agency that ever existed: kind, hierarchy (parent and ancestors at any depth), validity,
-- and the 2025 reorganisations (predecessors, successors, and the primary successor with the date it
-- takes over). Whether an agency has ended and where its documents count in as_is depend on today
-- (a succession applies from its effective_date; an agency is ended from the day after valid_to), so
-- the API judges both per request (api/src/kpi/structure.ts) from valid_to, primary_successor_id and
-- succession_effective_date. current_agency_id and is_ended below assume every recorded change has
-- already happened; nothing that counts documents may use them.

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
),

primary_successor as (
    -- Exactly one primary row per predecessor (assert_one_primary_successor_per_predecessor).
    select predecessor_id as agency_id, any(successor_id) as successor_id, any(effective_date) as effective_date
    from succession where is_primary group by predecessor_id
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
    primary_successor.successor_id as primary_successor_id,
    primary_successor.effective_date as succession_effective_date,
    ifNull(current.current_agency_id, agency.id) as current_agency_id,
    agency.valid_to is not null as is_ended,
    -- (arrays cannot be null: a missing row gives [])
    if(empty(ancestors.ancestor_ids), [agency.id], ancestors.ancestor_ids) as ancestor_ids,
    predecessors.predecessor_ids as predecessor_ids,
    successors.successor_ids as successor_ids
from agency
left join {{ ref('int_agency_current') }} as current on current.agency_id = agency.id
left join {{ ref('int_agency_ancestors') }} as ancestors on ancestors.agency_id = agency.id
left join predecessors on predecessors.agency_id = agency.id
left join successors on successors.agency_id = agency.id
left join primary_successor on primary_successor.agency_id = agency.id
settings join_use_nulls = 1

{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, incoming_id)') }}
-- One row per assignment of an incoming document (giao xử lý) with the unit and the person named:
-- who must handle what ("rõ người, rõ việc"). Only documents in fct_incoming_document appear, so
-- the assignments of secret documents, which never reach the warehouse, are left out too.

with assignment as (
    select * from {{ ref('stg_eoffice__assignment') }}
),

incoming as (
    select incoming_id, agency_id from {{ ref('fct_incoming_document') }} final
),

unit as (
    select id, name from {{ ref('stg_eoffice__org_unit') }}
),

staff as (
    select id, full_name, position from {{ ref('stg_eoffice__staff') }}
)

select
    assignment.id as assignment_id,
    assignment.incoming_id as incoming_id,
    incoming.agency_id as agency_id,
    assignment.role as role,
    assignment.status as status,
    assignment.assigned_at as assigned_at,
    assignment.due_date as due_date,
    assignment.assignee_unit_id as unit_id,
    unit.name as unit_name,
    assignment.assignee_staff_id as staff_id,
    staff.full_name as staff_name,
    staff.position as staff_position
from assignment
inner join incoming on incoming.incoming_id = assignment.incoming_id
left join unit on unit.id = assignment.assignee_unit_id
left join staff on staff.id = assignment.assignee_staff_id
settings join_use_nulls = 1

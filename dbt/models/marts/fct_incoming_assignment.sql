{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, incoming_id, assignment_id)', settings={'index_granularity': 1024}) }}
-- Granules of 1,024 rows, as fct_incoming_document (why, there).
-- depends_on: {{ ref('int_changed_assignments') }} (read by incremental runs only; dbt finds refs in the first rendering)
-- One row per assignment of an incoming document (giao xử lý) with the unit and the person named:
-- who must handle what ("rõ người, rõ việc"). Only documents in fct_incoming_document appear, so
-- the assignments of secret documents, which never reach the warehouse, are left out too.
-- Kept incrementally as fct_incoming_document is (dbt/INCREMENTAL.md); read it with FINAL. An
-- assignment is re-derived when its own row changes, or its document's, or the unit's or the
-- person's it names (their names are copied here).

with

{% if is_incremental() %}
changed as (
    select id from {{ ref('int_changed_assignments') }}
),

-- Every place the documents of those assignments had in the fact: its rows without FINAL hold each
-- one (a superseded row until it is merged, then the row that retired it), so the reads below are
-- primary-key ranges and still find a row left behind by a move.
changed_places as (
    select distinct agency_id, received_date, incoming_id
    from {{ ref('fct_incoming_document') }}
    where incoming_id in (select incoming_id from {{ source('eoffice_raw', 'assignment') }} where id in (select id from changed))
),
{% endif %}

assignment as (
    select * from {{ ref('stg_eoffice__assignment') }}
    {% if is_incremental() %}
    where id in (select id from changed)
    {% endif %}
),

incoming as (
    select incoming_id, agency_id, status, _ingested_at from {{ ref('fct_incoming_document') }} final
    {% if is_incremental() %}
    where (agency_id, received_date, incoming_id) in (select agency_id, received_date, incoming_id from changed_places)
    {% endif %}
),

unit as (
    select id, name, _ingested_at from {{ ref('stg_eoffice__org_unit') }}
),

staff as (
    select id, full_name, position, _ingested_at from {{ ref('stg_eoffice__staff') }}
),

derived as (
    select
        assignment.id as assignment_id,
        assignment.incoming_id as incoming_id,
        incoming.agency_id as agency_id,
        -- the document's status: withdrawn and returned documents count in no assignment figure (kpi.md)
        incoming.status as document_status,
        assignment.role as role,
        assignment.status as status,
        assignment.assigned_at as assigned_at,
        assignment.due_date as due_date,
        -- local dates of the assignment and of its completion (kpi.md, Where documents wait: per unit and person)
        toDate32(toTimeZone(assignment.assigned_at, 'Asia/Ho_Chi_Minh')) as assigned_date,
        if(assignment.completed_at is null, null, toDate32(toTimeZone(assumeNotNull(assignment.completed_at), 'Asia/Ho_Chi_Minh'))) as completed_date,
        assignment.assignee_unit_id as unit_id,
        unit.name as unit_name,
        assignment.assignee_staff_id as staff_id,
        staff.full_name as staff_name,
        staff.position as staff_position,
        greatest(assignment._ingested_at, incoming._ingested_at, ifNull(unit._ingested_at, assignment._ingested_at), ifNull(staff._ingested_at, assignment._ingested_at)) as _ingested_at
    from assignment
    inner join incoming on incoming.incoming_id = assignment.incoming_id
    left join unit on unit.id = assignment.assignee_unit_id
    left join staff on staff.id = assignment.assignee_staff_id
    settings join_use_nulls = 1
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed assignments (macros/incremental.sql), without the names.
    select * except (_version, _is_deleted) replace ('' as unit_name, '' as staff_name, '' as staff_position)
    from {{ this }} final
    where (agency_id, incoming_id) in (select agency_id, incoming_id from changed_places)
      and assignment_id in (select id from changed)
)

{{ changed_rows('agency_id, incoming_id, assignment_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

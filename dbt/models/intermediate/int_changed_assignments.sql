{{ config(materialized='table', engine='MergeTree()', order_by='id') }}
-- The assignments fct_incoming_assignment re-derives on its next run: those whose own raw row, or
-- whose document's, unit's or person's, arrived since the start of the last build that ran this model
-- (less var('incremental_lookback_seconds'): an insert that had begun, but was not yet visible, when
-- that build read). Candidates only, read from every raw version without FINAL; the fact re-derives
-- them as they stand. A table of its own so that the fact reads the set many times for the price of
-- computing it once (a CTE named several times is computed each time). Each condition is a query of
-- its own so that it can use its table's indexes.

with since as (
    select {{ picked_up_since('int_changed_assignments') }} as at
)

select id from {{ source('eoffice_raw', 'assignment') }}
where _ingested_at >= (select at from since)
union distinct
select id from {{ source('eoffice_raw', 'assignment') }}
where incoming_id in (select id from {{ source('eoffice_raw', 'incoming_document') }} where _ingested_at >= (select at from since))
union distinct
select id from {{ source('eoffice_raw', 'assignment') }}
where assignee_unit_id in (select id from {{ source('eoffice_raw', 'org_unit') }} where _ingested_at >= (select at from since))
union distinct
select id from {{ source('eoffice_raw', 'assignment') }}
where assignee_staff_id in (select id from {{ source('eoffice_raw', 'staff') }} where _ingested_at >= (select at from since))

{{ config(materialized='table', engine='MergeTree()', order_by='id') }}
-- The dispatches fct_dispatch re-derives on its next run: those whose own raw row, or whose outgoing
-- document's, arrived since the start of the last build that ran this model (less the lookback, as in
-- int_changed_assignments). Candidates only, from every raw version without FINAL.

with since as (
    select {{ picked_up_since('int_changed_dispatches') }} as at
)

select id from {{ source('eoffice_raw', 'dispatch') }}
where _ingested_at >= (select at from since)
union distinct
select id from {{ source('eoffice_raw', 'dispatch') }}
where outgoing_id in (select id from {{ source('eoffice_raw', 'outgoing_document') }} where _ingested_at >= (select at from since))

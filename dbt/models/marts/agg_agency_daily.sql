{{ config(materialized='table', engine='MergeTree()', order_by='(day, agency_id)') }}
-- Every daily figure of kpi.md per agency in one wide row, so that the KPI summary reads one table
-- in one scan: planning a query costs a few milliseconds per table read, more than the data.
-- Nothing is defined here: each column is the sum of a column of the agg_ model named beside it.
-- Histograms stay exact as (value → documents) maps; the open stock is carried as daily changes
-- (stock at A = sum of changes up to A); the cohort keeps, per day of receipt, how many of the
-- documents received that day were completed on each date.

with

received as (
    -- agg_incoming_received_daily
    select agency_id, day,
           received, returned, online, interconnected,
           0 as completed, 0 as completed_on_time, 0 as completed_late, 0 as completed_no_deadline, 0 as processing_days_sum,
           [] :: Array(Int64) as processing_days_keys, [] :: Array(UInt64) as processing_days_counts,
           0 as open_change, 0 as overdue_change, [] :: Array(Date32) as cohort_completed_keys, [] :: Array(UInt64) as cohort_completed_counts,
           0 as issued, 0 as digitally_signed, [] :: Array(Int64) as drafting_days_keys, [] :: Array(UInt64) as drafting_days_counts,
           0 as dispatches, 0 as electronic_dispatches, 0 as work_files_opened, 0 as electronic_work_files
    from {{ ref('agg_incoming_received_daily') }}
),

completed as (
    -- agg_incoming_completed_daily
    select agency_id, day,
           0, 0, 0, 0,
           completed, completed_on_time, completed_late, completed_no_deadline, processing_days_sum,
           [], [], 0, 0, [], [],
           0, 0, [], [],
           0, 0, 0, 0
    from {{ ref('agg_incoming_completed_daily') }}
),

processing_days as (
    -- agg_incoming_processing_days
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           groupArray(toInt64(processing_days)), groupArray(toUInt64(documents)), 0, 0, [], [],
           0, 0, [], [],
           0, 0, 0, 0
    from {{ ref('agg_incoming_processing_days') }}
    group by agency_id, day
),

open_stock as (
    -- agg_incoming_open_daily
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], open_change, overdue_change, [], [],
           0, 0, [], [],
           0, 0, 0, 0
    from {{ ref('agg_incoming_open_daily') }}
),

cohort as (
    -- cohort completion (kpi.md): documents received on the day, by the date they were completed
    select agency_id, received_date,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], 0, 0, sumMap([assumeNotNull(completed_date)], [toUInt64(1)]).1, sumMap([assumeNotNull(completed_date)], [toUInt64(1)]).2,
           0, 0, [], [],
           0, 0, 0, 0
    from {{ ref('fct_incoming_document') }} final
    where status not in ('withdrawn', 'returned') and completed_date is not null
    group by agency_id, received_date
),

issued as (
    -- agg_outgoing_issued_daily
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], 0, 0, [], [],
           issued, digitally_signed, [], [],
           0, 0, 0, 0
    from {{ ref('agg_outgoing_issued_daily') }}
),

drafting_days as (
    -- agg_outgoing_drafting_days
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], 0, 0, [], [],
           0, 0, groupArray(toInt64(drafting_days)), groupArray(toUInt64(documents)),
           0, 0, 0, 0
    from {{ ref('agg_outgoing_drafting_days') }}
    group by agency_id, day
),

dispatches as (
    -- agg_dispatch_daily
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], 0, 0, [], [],
           0, 0, [], [],
           dispatches, electronic, 0, 0
    from {{ ref('agg_dispatch_daily') }}
),

work_files as (
    -- agg_work_file_daily
    select agency_id, day,
           0, 0, 0, 0,
           0, 0, 0, 0, 0,
           [], [], 0, 0, [], [],
           0, 0, [], [],
           0, 0, opened, electronic
    from {{ ref('agg_work_file_daily') }}
),

all_figures as (
    select * from received
    union all select * from completed
    union all select * from processing_days
    union all select * from open_stock
    union all select * from cohort
    union all select * from issued
    union all select * from drafting_days
    union all select * from dispatches
    union all select * from work_files
)

select
    agency_id,
    day,
    toInt64(sum(received)) as received,
    toInt64(sum(returned)) as returned,
    toInt64(sum(online)) as online,
    toInt64(sum(interconnected)) as interconnected,
    toInt64(sum(completed)) as completed,
    toInt64(sum(completed_on_time)) as completed_on_time,
    toInt64(sum(completed_late)) as completed_late,
    toInt64(sum(completed_no_deadline)) as completed_no_deadline,
    toInt64(sum(processing_days_sum)) as processing_days_sum,
    groupArrayArray(processing_days_keys) as processing_days_keys,
    groupArrayArray(processing_days_counts) as processing_days_counts,
    toInt64(sum(open_change)) as open_change,
    toInt64(sum(overdue_change)) as overdue_change,
    groupArrayArray(cohort_completed_keys) as cohort_completed_keys,
    groupArrayArray(cohort_completed_counts) as cohort_completed_counts,
    toInt64(sum(issued)) as issued,
    toInt64(sum(digitally_signed)) as digitally_signed,
    groupArrayArray(drafting_days_keys) as drafting_days_keys,
    groupArrayArray(drafting_days_counts) as drafting_days_counts,
    toInt64(sum(dispatches)) as dispatches,
    toInt64(sum(electronic_dispatches)) as electronic_dispatches,
    toInt64(sum(work_files_opened)) as work_files_opened,
    toInt64(sum(electronic_work_files)) as electronic_work_files
from all_figures
group by agency_id, day

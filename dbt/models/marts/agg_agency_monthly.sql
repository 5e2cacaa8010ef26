{{ config(materialized='table', engine='MergeTree()', order_by='(month, agency_id)') }}
-- agg_agency_daily rolled up by calendar month: the KPI summary reads whole months of a period here
-- and only the days at its edges from the daily table, so a year costs 12 rows per agency, not 365.
-- The open stock is also carried as it stands at the end of each month.

select
    agency_id,
    toDate32(toStartOfMonth(daily.day)) as month,
    toInt64(sum(daily.received)) as received,
    toInt64(sum(daily.returned)) as returned,
    toInt64(sum(daily.online)) as online,
    toInt64(sum(daily.interconnected)) as interconnected,
    toInt64(sum(daily.completed)) as completed,
    toInt64(sum(daily.completed_on_time)) as completed_on_time,
    toInt64(sum(daily.completed_late)) as completed_late,
    toInt64(sum(daily.completed_no_deadline)) as completed_no_deadline,
    toInt64(sum(daily.processing_days_sum)) as processing_days_sum,
    sumMap(daily.processing_days_keys, daily.processing_days_counts).1 as processing_days_keys,
    sumMap(daily.processing_days_keys, daily.processing_days_counts).2 as processing_days_counts,
    toInt64(sum(daily.open_change)) as open_change,
    toInt64(sum(daily.overdue_change)) as overdue_change,
    toInt64(sum(sum(daily.open_change)) over agency_history) as open_total_at_month_end,
    toInt64(sum(sum(daily.overdue_change)) over agency_history) as open_overdue_at_month_end,
    sumMap(daily.cohort_completed_keys, daily.cohort_completed_counts).1 as cohort_completed_keys,
    sumMap(daily.cohort_completed_keys, daily.cohort_completed_counts).2 as cohort_completed_counts,
    toInt64(sum(daily.issued)) as issued,
    toInt64(sum(daily.digitally_signed)) as digitally_signed,
    sumMap(daily.drafting_days_keys, daily.drafting_days_counts).1 as drafting_days_keys,
    sumMap(daily.drafting_days_keys, daily.drafting_days_counts).2 as drafting_days_counts,
    toInt64(sum(daily.dispatches)) as dispatches,
    toInt64(sum(daily.electronic_dispatches)) as electronic_dispatches,
    toInt64(sum(daily.work_files_opened)) as work_files_opened,
    toInt64(sum(daily.electronic_work_files)) as electronic_work_files
from {{ ref('agg_agency_daily') }} as daily
group by daily.agency_id, month
window agency_history as (partition by agency_id order by month rows between unbounded preceding and current row)

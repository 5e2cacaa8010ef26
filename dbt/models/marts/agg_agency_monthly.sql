{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(month, agency_id)') }}
-- agg_agency_daily rolled up by calendar month: the KPI summary reads whole months of a period here
-- and only the days at its edges from the daily table, so a year costs 12 rows per agency, not 365.
-- The open stock is carried as the month's changes, like the daily table's: the stock at the end of
-- a month is the sum of the changes up to it, added up by the reader, so a change on one day moves
-- one month's row and not every later one.
-- Kept incrementally: a run re-derives the (agency, month) rows of the daily rows written since its
-- last run. Read it with FINAL.

with

{% if is_incremental() %}
since as (
    select ifNull((select max(_ingested_at) from {{ this }}), toDateTime64(0, 3, 'UTC')) - interval {{ var('incremental_lookback_seconds', '10') }} second as at
),

touched as (
    select agency_id, toDate32(toStartOfMonth(day)) as month, _ingested_at
    from {{ ref('agg_agency_daily') }}
    where _ingested_at >= (select at from since)
),
{% endif %}

derived as (
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
        sumMap(daily.processing_days_keys, daily.processing_days_counts) as processing_days_histogram,
        toInt64(sum(daily.open_change)) as open_change,
        toInt64(sum(daily.overdue_change)) as overdue_change,
        sumMap(daily.cohort_completed_keys, daily.cohort_completed_counts) as cohort_completed_histogram,
        toInt64(sum(daily.issued)) as issued,
        toInt64(sum(daily.digitally_signed)) as digitally_signed,
        sumMap(daily.drafting_days_keys, daily.drafting_days_counts) as drafting_days_histogram,
        toInt64(sum(daily.dispatches)) as dispatches,
        toInt64(sum(daily.electronic_dispatches)) as electronic_dispatches,
        toInt64(sum(daily.work_files_opened)) as work_files_opened,
        toInt64(sum(daily.electronic_work_files)) as electronic_work_files
    from {{ ref('agg_agency_daily') }} as daily final
    {% if is_incremental() %}
    where daily.day >= (select min(month) from touched)
      and (daily.agency_id, toDate32(toStartOfMonth(daily.day))) in (select agency_id, month from touched)
    {% endif %}
    group by daily.agency_id, month
)

select
    agency_id, month,
    received, returned, online, interconnected, completed, completed_on_time, completed_late, completed_no_deadline, processing_days_sum,
    processing_days_histogram.1 as processing_days_keys, processing_days_histogram.2 as processing_days_counts,
    open_change, overdue_change,
    cohort_completed_histogram.1 as cohort_completed_keys, cohort_completed_histogram.2 as cohort_completed_counts,
    issued, digitally_signed,
    drafting_days_histogram.1 as drafting_days_keys, drafting_days_histogram.2 as drafting_days_counts,
    dispatches, electronic_dispatches, work_files_opened, electronic_work_files,
    {% if is_incremental() %}
    ifNull((select max(_ingested_at) from touched), toDateTime64(0, 3, 'UTC')) as _ingested_at,
    {% else %}
    ifNull((select max(_ingested_at) from {{ ref('agg_agency_daily') }}), toDateTime64(0, 3, 'UTC')) as _ingested_at,
    {% endif %}
    toUInt64(toUnixTimestamp64Nano(now64(9))) as _version,
    toUInt8(0) as _is_deleted
from derived
{% if is_incremental() %}
union all
-- Months that no day counts in any more.
select held.* except (_ingested_at, _version, _is_deleted),
       ifNull((select max(_ingested_at) from touched), toDateTime64(0, 3, 'UTC')), toUInt64(toUnixTimestamp64Nano(now64(9))), toUInt8(1)
from {{ this }} as held final
where (held.agency_id, held.month) in (select agency_id, month from touched)
  and (held.agency_id, held.month) not in (select agency_id, month from derived)
{% endif %}

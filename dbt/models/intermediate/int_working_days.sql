{{ config(materialized='table', engine='MergeTree()', order_by='date') }}
-- Every date 2000-01-01 … 2035-12-31 with whether state agencies work that day and wd(date), the
-- number of working days in [2000-01-01, date] (kpi.md). Durations in working days are differences of wd.

with days as (
    select toDate32('2000-01-01') + number as date
    from numbers(13149)
),

declared as (
    -- One row per date (the calendar loader lets an operator's later file override the seed).
    select date, kind from {{ ref('vn_calendar') }}
),

classified as (
    select
        days.date as date,
        declared.kind as declared_kind,
        (toDayOfWeek(days.date) <= 5 and declared.kind not in ('holiday', 'day_off'))
            or declared.kind = 'makeup_workday' as is_working_day
    from days
    left join declared on declared.date = days.date
)

select
    date,
    is_working_day,
    declared_kind,
    toInt32(sum(toInt32(is_working_day)) over (order by date rows between unbounded preceding and current row)) as wd
from classified

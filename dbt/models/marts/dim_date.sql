{{ config(materialized='table', engine='MergeTree()', order_by='date') }}
-- One row per date with its working-day index wd (kpi.md, "Working days").

select
    date,
    wd,
    is_working_day,
    declared_kind,
    toYear(date) as year,
    toQuarter(date) as quarter,
    toMonth(date) as month,
    toDayOfWeek(date) as day_of_week
from {{ ref('int_working_days') }}

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(grain, day, agency_id)', partition_by='toYear(day)') }}
-- The whole city in agg_agency_daily's shape: its rows added up over every agency (position by
-- position, histograms key by key), by day and by calendar month, under agency_id 0, with every
-- agency that handled a document on the system that day or month (online_agencies, for adoption).
-- A summary of the city reads these 12 rows for a year rather than every agency's (the API takes it
-- when one group reads every agency: api/src/kpi/structure.ts figuresTable). Nothing is defined here.
-- Kept incrementally: a run adds up again the days and months of the agency rows written or retired
-- since the end of the last build that ran it (every agency's rows of those days, about 1,300 at
-- scale 1), in one insert, as agg_agency_daily does, and the open stock at the end of every month
-- from the first touched one on (month_open_stock). Read with FINAL.

with

{% if is_incremental() %}
touched as (
    select distinct grain, day
    from {{ ref('agg_agency_daily') }}
    where _version > {{ last_build_end('agg_city_daily') }}
),
-- The first touched month: the open stock at the end of it and of every later month is derived again.
stock_from as (
    select if(count() = 0, toDate32('2299-12-31'), toDate32(min(toStartOfMonth(day)))) as month from touched
),
{% endif %}

figures as (
    select
        grain,
        toInt64(0) as agency_id,
        day,
        sumForEach(counts) as counts,
        sumForEach(open_changes) as open_changes,
        {{ summed_packed_histograms() }},
        arraySort(groupUniqArrayArray(online_agencies)) as online_agencies,
        max(_ingested_at) as _ingested_at
    from {{ ref('agg_agency_daily') }} final
    {% if is_incremental() %}
    where (grain, day) in (select grain, day from touched)
    {% endif %}
    group by grain, day
),

fresh as (
    select grain, agency_id, day, counts, open_changes, {{ merged_packed_histograms() }},
           online_agencies, _ingested_at
    from figures
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the touched days and months, and every month from the first touched
    -- one on: one no agency row counts on any more is retired, later months get their open stock again.
    select * except (_version, _is_deleted) from {{ this }} final
    where (grain, day) in (select grain, day from touched)
       or (grain = 'month' and day >= (select month from stock_from))
)

-- The later months no agency row touched, as held: their open stock moves all the same.
, later_months as (
    select * from held where grain = 'month' and (grain, day) not in (select grain, day from touched)
)

-- Where the stock of the months derived again starts: at the end of the last month before.
, stock_before as (
    select toInt64(0) as agency_id, argMax(open_stock, day) as open_stock, max(_ingested_at) as _ingested_at
    from {{ this }} final
    where grain = 'month' and day < (select month from stock_from)
    having count() > 0
)
{% endif %}

, derived as (
    {{ with_month_open_stock() }}
)

{% if is_incremental() %}
{{ changed_rows('grain, day, agency_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
settings optimize_on_insert = 0

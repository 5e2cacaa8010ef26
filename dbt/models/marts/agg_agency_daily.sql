{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(grain, agency_id, day)', partition_by='toYear(day)', settings={'index_granularity': 256, 'min_bytes_for_wide_part': 1073741824}) }}
-- Every figure of kpi.md per agency in one row, by day (grain 'day') and rolled up by calendar
-- month (grain 'month', day = the month's first day), so that the KPI summary reads one table in one
-- scan: whole months of a period from the month rows, the days at its edges from the day rows (a
-- year is 12 rows per agency, not 365). Planning a query costs a few milliseconds per table read,
-- more than the data, and grows with the columns read: the figures are packed in four columns
-- (macros/figures.sql, packed_*; measured at scale 0.1, one agency's year: 15.5 → 8.2 ms for the
-- figures over the period, 10.3 → 7.6 ms for the open stock, against forty named columns).
-- Nothing is defined here: each figure adds up the cohorts of int_agency_cohort_daily.
-- Kept incrementally: a run re-derives the days of the cohort rows written since its last run, and
-- their months, in one insert, so a reader sees a batch in both grains or in neither. Read with FINAL.
-- Partitioned by year (measured: monthly partitions were slower to read, one partition slower to
-- merge). Each year is left to ClickHouse's background merges: a post-hook that merged the touched
-- years after every run (optimize … final) cost 0.4 s of a 3.45 s refresh at scale 1, and with two
-- parts in a year a summary reads as fast (one agency 11–12 ms either way; every agency 30–36 ms).
-- A summary reads a few rows of every part, and each part costs it a file per column: so the parts
-- are compact (one file each, whatever their size: min_bytes_for_wide_part) and a full build writes
-- one part per year (the insert's blocks squashed whole, min_insert_block_size_*; by default a block
-- closes at 256 MB, four parts a year at scale 1). Measured at scale 1: 17 wide parts → 5 compact
-- ones, one agency's summary p50 36.4 → 21.5 ms, a district's 38.9 → 27.5 ms.
-- Sorted by agency within each grain, in granules of 256 rows: one agency's months are one granule,
-- so a summary for one agency reads its own rows rather than those of every agency on the same
-- days (measured at scale 1: 17.8 → 9.6 ms for one agency's year). The whole city reads
-- agg_city_daily instead.
-- The open stock is carried as changes in both grains (the stock at A is the sum of the changes up
-- to A), and each month row also carries the stock at its end (open_stock, macros/figures.sql
-- month_open_stock), so that a one-agency summary reads the stock at A from the rows its period
-- query reads anyway instead of a second query (api/src/kpi/kpi_period.sql). A change on one day
-- moves one day row and the open stock of its month and every later month of the agency: a few
-- months for a recent change (those its deadlines reach), every month since for a backdated one.

with

{% if is_incremental() %}
-- The (agency, day) of the cohort rows written since the last build that ran this model, and their months.
touched as (
    select agency_id, day, toDate32(toStartOfMonth(day)) as month
    from {{ ref('int_agency_cohort_daily') }}
    where _version > {{ last_build_end('agg_agency_daily') }}
),
-- The first month of each touched agency: the open stock at the end of that month and of every
-- later one is derived again.
stock_from as (
    select groupArray(agency_id) as agencies, groupArray(from_month) as months
    from (select agency_id, min(month) as from_month from touched group by agency_id)
),
{% endif %}

cohorts as (
    -- Each cohort row's histograms packed as agg_agency_daily keeps them, once, before it is read twice.
    select * except day, day as cohort_day, {{ cohort_histograms() }}, {{ packed_histogram_columns() }}
    from {{ ref('int_agency_cohort_daily') }} final
    {% if is_incremental() %}
    where agency_id in (select agency_id from touched)
      and (agency_id, toDate32(toStartOfMonth(day))) in (select agency_id, month from touched)
    {% endif %}
),

both_grains as (
    -- Each cohort row read once, for its day (those touched, in a run) and for its month.
    select grain_day.1 as grain, agency_id, grain_day.2 as day, * except (agency_id, cohort_day)
    from cohorts
    array join arrayFilter(g -> g.1 != '', [
        ({% if is_incremental() %}if((agency_id, cohort_day) in (select agency_id, day from touched), 'day', ''){% else %}'day'{% endif %}, cohort_day),
        ('month', toDate32(toStartOfMonth(cohort_day)))
    ]) as grain_day
),

figures as (
    select
        grain,
        agency_id,
        day,
        {{ summed_counts() }},
        {{ summed_packed_histograms() }},
        max(_ingested_at) as _ingested_at
    from both_grains
    group by grain, agency_id, day
),

fresh as (
    select
        grain, agency_id, day,
        {{ packed_counts() }} as counts,
        {{ packed_open_changes() }} as open_changes,
        {{ merged_packed_histograms() }},
        -- The agency, when it handled a document on the system (adoption's active agencies): the same
        -- column as agg_city_daily's, where it lists every such agency of the city.
        if(online > 0, [agency_id], []) as online_agencies,
        _ingested_at
    from figures
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the touched days, and for the months from each touched agency's
    -- first one on: days and months no cohort counts on any more are retired, later months get
    -- their open stock again.
    select * except (_version, _is_deleted) from {{ this }} final
    where agency_id in (select agency_id from touched)
      and ((grain = 'day' and (agency_id, day) in (select agency_id, day from touched))
        or (grain = 'month' and day >= transform(agency_id, (select agencies from stock_from), (select months from stock_from), toDate32('2299-12-31'))))
)

-- The later months no cohort row touched, as held: their open stock moves all the same.
, later_months as (
    select * from held where grain = 'month' and (agency_id, day) not in (select agency_id, month from touched)
)

-- Where the stock of the months derived again starts: at the end of each agency's last month before.
, stock_before as (
    select agency_id, argMax(open_stock, day) as open_stock, max(_ingested_at) as _ingested_at
    from {{ this }} final
    where grain = 'month' and agency_id in (select agency_id from touched)
      and day < transform(agency_id, (select agencies from stock_from), (select months from stock_from), toDate32('2299-12-31'))
    group by agency_id
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
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0, min_insert_block_size_rows = 100000000, min_insert_block_size_bytes = 8000000000

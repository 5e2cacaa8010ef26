-- Every point of a series (ioc-api.md /kpis/series) in one round trip: the sums of kpi_period.sql,
-- per bucket of time instead of per group of agencies, for one group (the scope). The figures are
-- defined in the agg_ models; this query only adds them up over each bucket:
--   * the days of each bucket from agg_agency_daily's day rows (agg_city_daily's for the whole city;
--     a series is at most 120 buckets);
--   * the open stock at each bucket's A: the changes of the months before A's month (month rows)
--     plus those of the days of A's month up to A (day rows), summed over the scope's agencies once,
--     then read per bucket;
--   * the adoption group of each bucket from dim_agency.
-- Parameters (resolved in series.ts / structure.ts; the view is already applied there):
--   {agencies:Array(Int64)} {counted:Array(Int64)} the agencies read and the agency each counts for
--                           (itself in as_was, its current agency on today in as_is), one group
--   {daily:Identifier} {read:Array(Int64)} where their figures are read: agg_agency_daily and the
--                           same agencies, or agg_city_daily and [0] when they are every agency
--   {bucket_from:Array(Date32)} {bucket_to:Array(Date32)} the buckets, contiguous and in order
--   {bucket_as_of:Array(Date32)} each bucket's A = min(its to, today)
-- One row per bucket (grp = its position from 0), buckets without any document included (their
-- arrays empty).
with
    {bucket_from:Array(Date32)}[1] as series_from,
    arrayMax({bucket_to:Array(Date32)}) as series_to,
    arrayMin({bucket_as_of:Array(Date32)}) as first_as_of,
    arrayMax({bucket_as_of:Array(Date32)}) as last_as_of,
    -- The agencies that existed on at least one day of each bucket; in as_is, the current agencies they map to.
    adoption as (
        select toUInt32(b - 1) as grp,
               groupUniqArray(transform(agency_id, {agencies:Array(Int64)}, {counted:Array(Int64)}, toInt64(0))) as members
        from analytics.dim_agency
        array join arrayEnumerate({bucket_from:Array(Date32)}) as b
        where agency_id in {agencies:Array(Int64)}
          and valid_from <= {bucket_to:Array(Date32)}[b] and (valid_to is null or valid_to >= {bucket_from:Array(Date32)}[b])
        group by grp
    ),
    -- The scope's changes of the open stock, summed over its agencies: by month before the last A's
    -- month (is_month), by day from the first A's month on. A bucket's stock is the changes of the
    -- months before its A's month and of the days of that month up to A (in_stock below).
    stock as (
        select groupArray((is_month, day, changes)) as changes
        from (
            select true as is_month, day, sumForEach(open_changes) as changes
            from analytics.{daily:Identifier} final
            where grain = 'month' and day < toStartOfMonth(last_as_of) and agency_id in {read:Array(Int64)}
            group by day
            union all
            select false, day, sumForEach(open_changes)
            from analytics.{daily:Identifier} final
            where grain = 'day' and day between toStartOfMonth(first_as_of) and last_as_of and agency_id in {read:Array(Int64)}
            group by day
        )
    ),
    (change, as_of) -> if(change.1, change.2 < toStartOfMonth(as_of), change.2 between toStartOfMonth(as_of) and as_of) as in_stock,
    period as (
        select toUInt32(arrayFirstIndex(t -> day <= t, {bucket_to:Array(Date32)}) - 1) as grp, *
        from analytics.{daily:Identifier} final
        where grain = 'day' and day between series_from and series_to and agency_id in {read:Array(Int64)}
    ),
    figures as (
        -- As kpi_period.sql: the packed figures added up (named in packed-figures.ts, which counts
        -- each bucket's cohort completions by its A).
        select
            period.grp as grp,
            sumForEach(counts) as counts,
            sumMap(histogram_keys, histogram_counts) as histograms,
            -- The agencies (as they count) with a document handled on the system in the bucket.
            groupUniqArrayArray(arrayMap(a -> transform(a, {agencies:Array(Int64)}, {counted:Array(Int64)}, toInt64(0)), period.online_agencies)) as online_agencies
        from period
        group by period.grp
    )
select
    buckets.grp as grp,
    figures.counts as counts,
    figures.histograms as histograms,
    arrayReduce('sumForEach', arrayMap(change -> change.3, arrayFilter(change -> in_stock(change, buckets.as_of), stock.changes))) as open_changes,
    length(adoption.members) as agencies,
    length(arrayIntersect(figures.online_agencies, adoption.members)) as active_agencies
from (
    select toUInt32(b - 1) as grp, {bucket_as_of:Array(Date32)}[b] as as_of
    from (select arrayJoin(arrayEnumerate({bucket_as_of:Array(Date32)})) as b)
) as buckets
cross join stock
left join figures on figures.grp = buckets.grp
left join adoption on adoption.grp = buckets.grp
order by grp
-- The agg_ tables are partitioned by year, a few parts each (merged in the background): FINAL works
-- partition by partition.
settings join_use_nulls = 0, do_not_merge_across_partitions_select_final = 1

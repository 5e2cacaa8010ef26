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
-- One row per bucket (grp = its position from 0), buckets without any document included.
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
        select groupArray((is_month, day, total, overdue, due_soon, over_5, over_10, over_20)) as changes
        from (
            select true as is_month, day, sum(open_change) as total, sum(overdue_change) as overdue,
                   sum(due_soon_change) as due_soon, sum(overdue_over_5_change) as over_5,
                   sum(overdue_over_10_change) as over_10, sum(overdue_over_20_change) as over_20
            from analytics.{daily:Identifier} final
            where grain = 'month' and day < toStartOfMonth(last_as_of) and agency_id in {read:Array(Int64)}
            group by day
            union all
            select false, day, sum(open_change), sum(overdue_change), sum(due_soon_change),
                   sum(overdue_over_5_change), sum(overdue_over_10_change), sum(overdue_over_20_change)
            from analytics.{daily:Identifier} final
            where grain = 'day' and day between toStartOfMonth(first_as_of) and last_as_of and agency_id in {read:Array(Int64)}
            group by day
        )
    ),
    (change, as_of) -> if(change.1, change.2 < toStartOfMonth(as_of), change.2 between toStartOfMonth(as_of) and as_of) as in_stock,
    period as (
        select toUInt32(arrayFirstIndex(t -> day <= t, {bucket_to:Array(Date32)}) - 1) as grp,
               {bucket_as_of:Array(Date32)}[grp + 1] as as_of, *
        from analytics.{daily:Identifier} final
        where grain = 'day' and day between series_from and series_to and agency_id in {read:Array(Int64)}
    ),
    figures as (
        select
            period.grp as grp,
            toInt64(sum(received)) as received,
            toInt64(sum(returned)) as returned,
            toInt64(sum(online)) as online,
            toInt64(sum(interconnected)) as interconnected,
            toInt64(sum(completed)) as completed,
            toInt64(sum(completed_on_time)) as completed_on_time,
            toInt64(sum(completed_late)) as completed_late,
            toInt64(sum(completed_no_deadline)) as completed_no_deadline,
            toInt64(sum(processing_days_sum)) as processing_days_sum,
            arrayZip(sumMap(processing_days_keys, processing_days_counts).1,
                     sumMap(processing_days_keys, processing_days_counts).2) as processing_days_histogram,
            -- Received in the bucket and completed by its A.
            toInt64(sum(arraySum((completed_date, documents) -> if(completed_date <= as_of, documents, 0),
                                 cohort_completed_keys, cohort_completed_counts))) as cohort_completed,
            toInt64(sum(issued)) as issued,
            toInt64(sum(digitally_signed)) as digitally_signed,
            arrayZip(sumMap(drafting_days_keys, drafting_days_counts).1,
                     sumMap(drafting_days_keys, drafting_days_counts).2) as drafting_days_histogram,
            arrayZip(sumMap(delivery_days_keys, delivery_days_counts).1, sumMap(delivery_days_keys, delivery_days_counts).2) as delivery_days_histogram,
            arrayZip(sumMap(to_leader_days_keys, to_leader_days_counts).1, sumMap(to_leader_days_keys, to_leader_days_counts).2) as to_leader_days_histogram,
            arrayZip(sumMap(to_assign_days_keys, to_assign_days_counts).1, sumMap(to_assign_days_keys, to_assign_days_counts).2) as to_assign_days_histogram,
            arrayZip(sumMap(handling_days_keys, handling_days_counts).1, sumMap(handling_days_keys, handling_days_counts).2) as handling_days_histogram,
            toInt64(sum(dispatches)) as dispatches,
            toInt64(sum(electronic_dispatches)) as electronic_dispatches,
            toInt64(sum(work_files_opened)) as opened,
            toInt64(sum(electronic_work_files)) as electronic_work_files,
            toInt64(sum(extended)) as extended,
            toInt64(sum(extended_after_expiry)) as extended_after_expiry,
            toInt64(sum(completed_on_time_original)) as completed_on_time_original,
            toInt64(sum(completed_late_original)) as completed_late_original,
            toInt64(sum(timely_transfers)) as timely_transfers,
            -- The agencies (as they count) with a document handled on the system in the bucket.
            groupUniqArrayArray(arrayMap(a -> transform(a, {agencies:Array(Int64)}, {counted:Array(Int64)}, toInt64(0)), period.online_agencies)) as online_agencies
        from period
        group by period.grp
    )
select
    buckets.grp as grp,
    figures.received as received, figures.returned as returned, figures.online as online,
    figures.interconnected as interconnected, figures.completed as completed,
    figures.completed_on_time as completed_on_time, figures.completed_late as completed_late,
    figures.completed_no_deadline as completed_no_deadline, figures.processing_days_sum as processing_days_sum,
    figures.processing_days_histogram as processing_days_histogram,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.3, 0), stock.changes)) as open_total,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.4, 0), stock.changes)) as open_overdue,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.5, 0), stock.changes)) as open_due_soon,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.6, 0), stock.changes)) as open_overdue_over_5,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.7, 0), stock.changes)) as open_overdue_over_10,
    toInt64(arraySum(change -> if(in_stock(change, buckets.as_of), change.8, 0), stock.changes)) as open_overdue_over_20,
    figures.cohort_completed as cohort_completed, figures.issued as issued,
    figures.digitally_signed as digitally_signed, figures.drafting_days_histogram as drafting_days_histogram,
    figures.dispatches as dispatches, figures.electronic_dispatches as electronic_dispatches,
    figures.opened as opened, figures.electronic_work_files as electronic_work_files,
    figures.extended as extended, figures.extended_after_expiry as extended_after_expiry,
    figures.completed_on_time_original as completed_on_time_original, figures.completed_late_original as completed_late_original,
    figures.timely_transfers as timely_transfers,
    figures.delivery_days_histogram as delivery_days_histogram, figures.to_leader_days_histogram as to_leader_days_histogram,
    figures.to_assign_days_histogram as to_assign_days_histogram, figures.handling_days_histogram as handling_days_histogram,
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

-- Every figure of shared/spec/kpi.md for one period and one or more disjoint groups of agencies, in
-- one round trip: one group for the summary, one per child (its subtree) for a breakdown.
-- The figures are defined in the agg_ models; this query only adds them up over P:
--   * whole calendar months inside P from agg_agency_daily's month rows, the days at P's edges
--     from its day rows (a year is 12 rows per agency, not 365);
--   * the open stock at the end of A: the monthly changes before A's month, plus the daily
--     changes of A's month up to A;
--   * the adoption group from dim_agency.
-- Planning costs a few milliseconds per table read, more than scanning these rows, hence few reads.
-- Parameters (resolved in kpi-summary.ts / structure.ts; the view is already applied there):
--   {agencies:Array(Int64)}  the agencies whose documents are read: the ones that received or issued them
--   {counted:Array(Int64)}   the agency each of those counts for, position by position: itself in
--                            as_was, in as_is its current agency on today (successions in effect)
--   {groups:Array(UInt32)}   the group of each of those agencies, position by position
--   {from:Date32} {to:Date32} the period P, inclusive local dates
--   {as_of:Date32}           A = min(to, today): the day at which open stocks are read
--   {daily:Identifier}       agg_agency_daily as the build published it (current-build.ts); its
--                            day and month rows of a batch are one insert: never a mix of two
-- Incoming documents that were withdrawn never count; returned ones count only in `returned`
-- (the agg_ models apply both rules). Quantiles come back as histograms [(value, documents)] and are
-- resolved by the nearest-rank rule in kpi-summary.ts. One row per group, groups without any
-- document included (zeros, empty histograms).
with
    -- [months_from, months_until): the whole months inside P (empty when P holds none).
    toDate32(if(toDayOfMonth({from:Date32}) = 1, {from:Date32}, addMonths(toStartOfMonth({from:Date32}), 1))) as months_from,
    toDate32(if(toDayOfMonth({to:Date32} + 1) = 1, {to:Date32} + 1, toStartOfMonth({to:Date32}))) as months_until,
    -- Agencies that existed on at least one day of P; in as_is, the current agencies they map to.
    adoption as (
        select transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
               groupUniqArray(transform(agency_id, {agencies:Array(Int64)}, {counted:Array(Int64)}, toInt64(0))) as members
        from analytics.dim_agency
        where valid_from <= {to:Date32} and (valid_to is null or valid_to >= {from:Date32})
          and agency_id in {agencies:Array(Int64)}
        group by grp
    ),
    -- The open stock at the end of A: the changes of every month before A's month, plus the
    -- changes of A's month up to A.
    stock as (
        select grp, toInt64(sum(open_total)) as open_total, toInt64(sum(open_overdue)) as open_overdue
        from (
            select transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
                   sum(open_change) as open_total, sum(overdue_change) as open_overdue
            from analytics.{daily:Identifier} final
            where grain = 'month' and day < toStartOfMonth({as_of:Date32})
              and agency_id in {agencies:Array(Int64)}
            group by grp
            union all
            select transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
                   sum(open_change), sum(overdue_change)
            from analytics.{daily:Identifier} final
            where grain = 'day' and day between toStartOfMonth({as_of:Date32}) and {as_of:Date32}
              and agency_id in {agencies:Array(Int64)}
            group by grp
        )
        group by grp
    ),
    period as (
        select transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
               transform(agency_id, {agencies:Array(Int64)}, {counted:Array(Int64)}, toInt64(0)) as counted_agency, *
        from (
            select agency_id,
                   received, returned, online, interconnected, completed, completed_on_time, completed_late,
                   completed_no_deadline, processing_days_sum, processing_days_keys, processing_days_counts,
                   cohort_completed_keys, cohort_completed_counts, issued, digitally_signed,
                   drafting_days_keys, drafting_days_counts, dispatches, electronic_dispatches,
                   work_files_opened, electronic_work_files
            from analytics.{daily:Identifier} final
            where grain = 'month' and day >= months_from and day < months_until
              and agency_id in {agencies:Array(Int64)}
            union all
            select agency_id,
                   received, returned, online, interconnected, completed, completed_on_time, completed_late,
                   completed_no_deadline, processing_days_sum, processing_days_keys, processing_days_counts,
                   cohort_completed_keys, cohort_completed_counts, issued, digitally_signed,
                   drafting_days_keys, drafting_days_counts, dispatches, electronic_dispatches,
                   work_files_opened, electronic_work_files
            from analytics.{daily:Identifier} final
            where grain = 'day' and day between {from:Date32} and {to:Date32}
              and not (day >= months_from and day < months_until)
              and agency_id in {agencies:Array(Int64)}
        )
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
            -- Received in P and completed by A.
            toInt64(sum(arraySum((completed_date, documents) -> if(completed_date <= {as_of:Date32}, documents, 0),
                                 cohort_completed_keys, cohort_completed_counts))) as cohort_completed,
            toInt64(sum(issued)) as issued,
            toInt64(sum(digitally_signed)) as digitally_signed,
            arrayZip(sumMap(drafting_days_keys, drafting_days_counts).1,
                     sumMap(drafting_days_keys, drafting_days_counts).2) as drafting_days_histogram,
            toInt64(sum(dispatches)) as dispatches,
            toInt64(sum(electronic_dispatches)) as electronic_dispatches,
            toInt64(sum(work_files_opened)) as opened,
            toInt64(sum(electronic_work_files)) as electronic_work_files,
            -- The agencies with a document handled on the system in P (intersected with the adoption
            -- group below, per group: joining these wide rows would cost more than the whole sum).
            groupUniqArrayIf(counted_agency, period.online > 0) as online_agencies
        from period
        group by period.grp
    )
select
    groups.grp as grp,
    figures.received as received, figures.returned as returned, figures.online as online,
    figures.interconnected as interconnected, figures.completed as completed,
    figures.completed_on_time as completed_on_time, figures.completed_late as completed_late,
    figures.completed_no_deadline as completed_no_deadline, figures.processing_days_sum as processing_days_sum,
    figures.processing_days_histogram as processing_days_histogram,
    stock.open_total as open_total, stock.open_overdue as open_overdue,
    figures.cohort_completed as cohort_completed, figures.issued as issued,
    figures.digitally_signed as digitally_signed, figures.drafting_days_histogram as drafting_days_histogram,
    figures.dispatches as dispatches, figures.electronic_dispatches as electronic_dispatches,
    figures.opened as opened, figures.electronic_work_files as electronic_work_files,
    length(adoption.members) as agencies,
    -- Of the adoption group, the agencies with a document handled on the system in P.
    length(arrayIntersect(figures.online_agencies, adoption.members)) as active_agencies
from (select arrayJoin(arrayDistinct({groups:Array(UInt32)})) as grp) as groups
left join figures on figures.grp = groups.grp
left join stock on stock.grp = groups.grp
left join adoption on adoption.grp = groups.grp
order by grp
-- agg_agency_daily is partitioned by year and each refresh merges the years it touched into one
-- part (its post-hook): FINAL then works partition by partition and has nothing to merge.
settings join_use_nulls = 0, do_not_merge_across_partitions_select_final = 1

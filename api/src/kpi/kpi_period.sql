-- Every figure of shared/spec/kpi.md over the period P but the open stock (kpi_stock.sql), for one or
-- more disjoint groups of agencies, in one scan: one group for the summary, one per child (its
-- subtree) for a breakdown. The figures are defined in the dbt models; this query only adds up
-- agg_agency_daily (or agg_city_daily, the same rows added up over every agency) over P: whole
-- calendar months inside P from its month rows, the days at P's edges from its day rows (a year is
-- 12 rows per agency, not 365).
-- One scan, no join: planning costs a few milliseconds per table read and per expression, more than
-- reading these rows (the summary as one query with the stock, the adoption group and the groups
-- joined took 40 ms at scale 0.1; this and kpi_stock.sql together about 20).
-- Parameters (resolved in kpi-summary.ts / structure.ts; the view is already applied there):
--   {daily:Identifier}       agg_agency_daily, or agg_city_daily (agency 0: every
--                            agency added up) when the one group reads every agency
--   {agencies:Array(Int64)}  the agencies whose documents are read: the ones that received or issued them
--   {groups:Array(UInt32)}   the group of each of those agencies, position by position
--   {from:Date32} {to:Date32} the period P, inclusive local dates
--   {as_of:Date32}           A = min(to, today): the cohort completion counts completions by A
-- Incoming documents that were withdrawn never count; returned ones count only in `returned` (the
-- models apply both rules). Quantiles come back as histograms [(value, documents)] and are resolved
-- by the nearest-rank rule in kpi-summary.ts. One row per group that has a row in P; the caller adds
-- the groups without any.
with
    -- [months_from, months_until): the whole months inside P (empty when P holds none).
    toDate32(if(toDayOfMonth({from:Date32}) = 1, {from:Date32}, addMonths(toStartOfMonth({from:Date32}), 1))) as months_from,
    toDate32(if(toDayOfMonth({to:Date32} + 1) = 1, {to:Date32} + 1, toStartOfMonth({to:Date32}))) as months_until
select
    transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
    toInt64(sum(received)) as received,
    toInt64(sum(returned)) as returned,
    toInt64(sum(online)) as online,
    toInt64(sum(interconnected)) as interconnected,
    toInt64(sum(completed)) as completed,
    toInt64(sum(completed_on_time)) as completed_on_time,
    toInt64(sum(completed_late)) as completed_late,
    toInt64(sum(completed_no_deadline)) as completed_no_deadline,
    toInt64(sum(processing_days_sum)) as processing_days_sum,
    sumMap(processing_days_keys, processing_days_counts) as processing_days_histogram,
    -- Received in P and completed by A.
    toInt64(sum(arraySum((completed_date, documents) -> if(completed_date <= {as_of:Date32}, documents, 0),
                         cohort_completed_keys, cohort_completed_counts))) as cohort_completed,
    toInt64(sum(issued)) as issued,
    toInt64(sum(digitally_signed)) as digitally_signed,
    sumMap(drafting_days_keys, drafting_days_counts) as drafting_days_histogram,
    sumMap(delivery_days_keys, delivery_days_counts) as delivery_days_histogram,
    sumMap(to_leader_days_keys, to_leader_days_counts) as to_leader_days_histogram,
    sumMap(to_assign_days_keys, to_assign_days_counts) as to_assign_days_histogram,
    sumMap(handling_days_keys, handling_days_counts) as handling_days_histogram,
    toInt64(sum(dispatches)) as dispatches,
    toInt64(sum(electronic_dispatches)) as electronic_dispatches,
    toInt64(sum(work_files_opened)) as opened,
    toInt64(sum(electronic_work_files)) as electronic_work_files,
    toInt64(sum(extended)) as extended,
    toInt64(sum(extended_after_expiry)) as extended_after_expiry,
    toInt64(sum(completed_on_time_original)) as completed_on_time_original,
    toInt64(sum(completed_late_original)) as completed_late_original,
    toInt64(sum(timely_transfers)) as timely_transfers,
    -- The agencies with a document handled on the system in P (adoption's active ones, counted in
    -- kpi-summary.ts as the agencies they count for).
    groupUniqArrayArray(online_agencies) as online_agencies
from analytics.{daily:Identifier} final
where ((grain = 'month' and day >= months_from and day < months_until)
    or (grain = 'day' and day between {from:Date32} and {to:Date32} and not (day >= months_from and day < months_until)))
  and agency_id in {agencies:Array(Int64)}
group by grp
-- The agg_ tables are partitioned by year, a few parts each (merged in the background): FINAL works
-- partition by partition.
settings do_not_merge_across_partitions_select_final = 1

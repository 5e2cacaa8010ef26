-- Every figure of shared/spec/kpi.md over the period P (and the open stock at A when it reads one
-- agency: below; otherwise kpi_stock.sql), for one or more disjoint groups of agencies, in one scan:
-- one group for the summary, one per child (its subtree) for a breakdown. One agency of
-- agg_agency_daily is added up by the API instead, from the same rows and in the same way
-- (kpi_period_rows.sql, period-rows.ts): what is said here of one agency holds for the city's row
-- of agg_city_daily here, and for one agency there. The figures are defined in
-- the dbt models; this query only adds up agg_agency_daily (or agg_city_daily, the same rows added
-- up over every agency) over P: whole calendar months inside P from its month rows, the days at P's
-- edges from its day rows (a year is 12 rows per agency, not 365).
-- One scan, no join, a few aggregates: planning costs a few milliseconds per table read and grows
-- with the columns and the aggregates, more than reading these rows (the summary as one query with
-- the stock, the adoption group and the groups joined took 40 ms at scale 0.1; this and
-- kpi_stock.sql over forty named columns together about 20; this query alone 15.5 → 8.2 ms packed).
-- Parameters (resolved in kpi-summary.ts / structure.ts; the view is already applied there):
--   {daily:Identifier}       agg_agency_daily, or agg_city_daily (agency 0: every
--                            agency added up) when the one group reads every agency
--   {agencies:Array(Int64)}  the agencies whose documents are read: the ones that received or issued them
--   {groups:Array(UInt32)}   the group of each of those agencies, position by position
--   {keys:Array(Tuple(String, Date32))} the (grain, day) rows that add up to P: its whole
--                            calendar months by their month rows, its other days by their day rows
--                            (periods.ts periodKeys; a list plans faster than the ranges it replaced)
--   {as_of:Date32}           A = min(P's last day, today): the open stock at A, as kpi_stock.sql
--                            takes it, comes from these rows too when a group is one agency (below)
-- Incoming documents that were withdrawn never count; returned ones count only in `returned` (the
-- models apply both rules). Quantiles come back as histograms and are resolved by the nearest-rank
-- rule in kpi-summary.ts. One row per group that has a row in P; the caller adds the groups without any.
select
    transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
    -- The figures as the table packs them (dbt/macros/figures.sql, packed_*), added up position
    -- by position and histogram key by key: named in packed-figures.ts, which also counts the
    -- cohort's completions by A from its histogram of completion dates.
    sumForEach(counts) as counts,
    sumMap(histogram_keys, histogram_counts) as histograms,
    -- The agencies with a document handled on the system in P (adoption's active ones, counted in
    -- kpi-summary.ts as the agencies they count for).
    groupUniqArrayArray(online_agencies) as online_agencies,
    -- The open stock at A of a group that is one agency, without kpi_stock.sql's second read (which
    -- costs about as much as this one: planning, not reading): the stock at the end of its last month
    -- row that ends by A (month_open_stock) plus the changes of A's days up to A. Exact when such a
    -- month row was read (every month after it up to A's is then read whole, so has no row) and A
    -- ends its month or its month is read by days (P ends in it); the caller checks the latter
    -- (kpi-summary.ts stockFromPeriod), runs kpi_stock.sql when no such row was read, and for a
    -- group of several agencies, whose last months differ.
    countIf(grain = 'month' and toLastDayOfMonth(day) <= {as_of:Date32}) as stock_months,
    argMaxIf(open_stock, day, grain = 'month' and toLastDayOfMonth(day) <= {as_of:Date32}) as stock_at_month_end,
    sumForEachIf(open_changes, grain = 'day' and day between toStartOfMonth({as_of:Date32}) and {as_of:Date32}) as stock_days
from analytics.{daily:Identifier} final
where (grain, day) in {keys:Array(Tuple(String, Date32))}
  and agency_id in {agencies:Array(Int64)}
group by grp
-- The agg_ tables are partitioned by year, a few parts each (merged in the background): FINAL works
-- partition by partition.
settings do_not_merge_across_partitions_select_final = 1

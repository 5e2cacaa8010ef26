-- The open stock at the end of A (kpi.md: open on time and overdue, and the status at A: due soon,
-- and more than 5, 10, 20 working days overdue) per group of agencies, as
-- kpi_period.sql takes them: agg_agency_daily (and agg_city_daily) carries the stock as changes, so
-- it is the changes of every month before A's month plus those of A's month up to A. A scan of one
-- narrow column.
-- Parameters: {daily}, {agencies}, {groups} as in kpi_period.sql; {as_of:Date32}: A = min(P's last day, today).
select
    transform(agency_id, {agencies:Array(Int64)}, {groups:Array(UInt32)}, toUInt32(0)) as grp,
    -- The changes as the table packs them (packed_open_changes), named in packed-figures.ts.
    sumForEach(open_changes) as open_changes
from analytics.{daily:Identifier} final
where ((grain = 'month' and day < toStartOfMonth({as_of:Date32}))
    or (grain = 'day' and day between toStartOfMonth({as_of:Date32}) and {as_of:Date32}))
  and agency_id in {agencies:Array(Int64)}
group by grp
settings do_not_merge_across_partitions_select_final = 1

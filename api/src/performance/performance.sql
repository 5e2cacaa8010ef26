-- The performance of units or of people over P (kpi.md, Where documents wait: per unit and per
-- person), over the lead assignments (role = lead, chủ trì) of the documents of the given agencies;
-- e = the assignment's due_date, k = its completion date:
--   assignments_completed  k ∈ P;   on time / late: e not null, k ≤ e / k > e;
--   assignments_open_overdue  assigned on or before A, not done by A (k null or k > A), e < A.
-- A unit is one of an agency (every district has its "Phòng Nội vụ"): rows are keyed by the agency
-- and the unit, or the agency and the person. Assignments of secret documents never reach the warehouse;
-- those of withdrawn and returned documents count in no figure (kpi.md, Conventions).
-- And where their part of the work waits: assignment_days, wd(k) − wd(date(assigned_at)) over the
-- lead assignments completed in P, median and p90 by the nearest-rank rule (kpi.md, Conventions).
-- Parameters: {agencies:Array(Int64)} {from:Date32} {to:Date32} {as_of:Date32} {by_person:Bool}
with
    -- wd(D) by D's offset from 2000-01-01 (int_working_days' range); -1 outside it
    (select groupArray(wd) from (select wd from analytics.int_working_days order by date)) as wd_by_day,
    (d) -> if(d >= toDate32('2000-01-01') and d < toDate32('2000-01-01') + length(wd_by_day),
              wd_by_day[toUInt32(dateDiff('day', toDate32('2000-01-01'), d)) + 1], -1) as wd_of,
    (sorted, p) -> if(length(sorted) = 0, null, sorted[intDiv(p * length(sorted) + 99, 100)]) as nearest_rank,
    (select mapFromArrays(groupArray(agency_id), groupArray(code)) from analytics.dim_agency) as codes,
    (select mapFromArrays(groupArray(agency_id), groupArray(name)) from analytics.dim_agency) as names,
    lead as (
        select agency_id, ifNull(unit_id, 0) as unit, ifNull(unit_name, '') as unit_label, ifNull(staff_id, 0) as staff,
               ifNull(staff_name, '') as staff_label, ifNull(staff_position, '') as staff_title, assigned_date, completed_date, due_date,
               -- a row per unit, or per person
               if({by_person:Bool}, staff, unit) as key,
               completed_date between {from:Date32} and {to:Date32} as completed_in_period,
               assigned_date <= {as_of:Date32} and (completed_date is null or completed_date > {as_of:Date32})
                   and due_date is not null and due_date < {as_of:Date32} as open_overdue,
               if(completed_in_period and wd_of(assumeNotNull(completed_date)) >= 0 and wd_of(assigned_date) >= 0,
                  wd_of(assumeNotNull(completed_date)) - wd_of(assigned_date), null) as assignment_days
        from analytics.fct_incoming_assignment final
        where agency_id in {agencies:Array(Int64)} and role = 'lead' and document_status not in ('withdrawn', 'returned')
    )
select
    agency_id,
    codes[agency_id] as agency_code,
    names[agency_id] as agency_name,
    -- a person's unit is the one most of their assignments name (a person may have moved)
    anyHeavy(unit) as unit_id,
    anyHeavy(unit_label) as unit_name,
    if({by_person:Bool}, key, 0) as staff_id,
    anyHeavy(if({by_person:Bool}, staff_label, '')) as staff_name,
    anyHeavy(if({by_person:Bool}, staff_title, '')) as staff_position,
    toUInt32(countIf(completed_in_period)) as assignments_completed,
    toUInt32(countIf(completed_in_period and due_date is not null and completed_date <= due_date)) as assignments_on_time,
    toUInt32(countIf(completed_in_period and due_date is not null and completed_date > due_date)) as assignments_late,
    toUInt32(countIf(open_overdue)) as assignments_open_overdue,
    -- sorted once (an alias inside an expression is no column of the answer)
    nearest_rank(arraySort(groupArrayIf(assumeNotNull(assignment_days), assignment_days is not null)) as days_sorted, 50) as assignment_days_median,
    nearest_rank(days_sorted, 90) as assignment_days_p90
from lead
where completed_in_period or open_overdue
group by agency_id, key
settings join_use_nulls = 0

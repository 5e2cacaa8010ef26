-- Incoming documents open at {as_of:Date32} in the given agencies (kpi.md: r ≤ A, c null or c > A;
-- withdrawn and returned documents are not open), optionally only the overdue ones (d < A), only
-- those due soon (kpi.md open_due_soon: A ≤ d, wd(d) − wd(A) ≤ 3), only those due on or after
-- {due_from} (with overdue: those that fell overdue since that day), only those nobody was assigned
-- by A (chưa giao xử lý); most overdue first, one page of them, with who must handle each: the unit and the person of every
-- assignment still pending or in progress. `total` counts every matching document, not the page.
-- Days overdue are working days, wd(A) − wd(d) (kpi.md, Status at the as-of date).
-- Leaders narrow the list by urgency and by the kind of the receiving agency (its own kind, as the
-- agency tree shows it), and read it most overdue first or, to catch what just slipped, the newest
-- overdue first ({newest_first}: latest deadline first).
with
    -- agency id → (code, name, kind), read once
    (select mapFromArrays(groupArray(agency_id), groupArray(tuple(code, name, kind))) from analytics.dim_agency) as agency_of,
    (select any(wd) from analytics.int_working_days where date = {as_of:Date32}) as as_of_wd,
    matching as (
        select incoming_id, agency_id, reg_number, source_notation, issuer_name, summary,
               received_date, due_date, urgency, status
        from analytics.fct_incoming_document final
        where agency_id in {agencies:Array(Int64)}
          and status not in ('withdrawn', 'returned')
          and received_date <= {as_of:Date32}
          and (completed_date is null or completed_date > {as_of:Date32})
          and (not {overdue_only:Bool} or (due_date is not null and due_date < {as_of:Date32}))
          and (not {due_soon_only:Bool} or (due_date >= {as_of:Date32} and due_date in (
                select date from analytics.int_working_days where wd <= as_of_wd + 3)))
          and ({due_from:Nullable(Date32)} is null or due_date >= {due_from:Nullable(Date32)})
          and (length({urgencies:Array(String)}) = 0 or urgency in {urgencies:Array(String)})
          and (length({kinds:Array(String)}) = 0 or agency_of[agency_id].3 in {kinds:Array(String)})
          and (not {unassigned_only:Bool} or incoming_id not in (
                select incoming_id from analytics.fct_incoming_assignment final
                where assigned_date <= {as_of:Date32}))
    ),
    page as (
        select * from matching
        -- documents without a deadline (never overdue) last in both orders
        order by due_date is null,
                 if({newest_first:Bool}, -toInt64(toRelativeDayNum(assumeNotNull(due_date))), toInt64(toRelativeDayNum(assumeNotNull(due_date)))),
                 if({newest_first:Bool}, -toInt64(toRelativeDayNum(received_date)), toInt64(toRelativeDayNum(received_date))),
                 incoming_id
        limit {limit:UInt32} offset {offset:UInt32}
    ),
    handlers as (
        select incoming_id,
               groupArray(tuple(role, status, unit_name, staff_name, staff_position,
                                if(due_date is null, null, toString(due_date)))) as assignees
        from analytics.fct_incoming_assignment final
        where incoming_id in (select incoming_id from page) and status in ('pending', 'in_progress')
        group by incoming_id
    )
select
    (select count() from matching) as total,
    page.incoming_id as incoming_id,
    agency_of[page.agency_id].1 as agency_code,
    agency_of[page.agency_id].2 as agency_name,
    agency_of[page.agency_id].3 as agency_kind,
    page.reg_number as reg_number,
    page.source_notation as source_notation,
    page.issuer_name as issuer_name,
    page.summary as summary,
    toString(page.received_date) as received_date,
    if(page.due_date is null, null, toString(page.due_date)) as due_date,
    -- (a deadline before the calendar counts from its start, wd = 0; after it, it is not past)
    if(page.due_date is not null and page.due_date < {as_of:Date32}, toInt32(as_of_wd - due_wd.wd), 0) as days_overdue,
    page.urgency as urgency,
    page.status as status,
    handlers.assignees as assignees
from page
left join handlers on handlers.incoming_id = page.incoming_id
left join analytics.int_working_days as due_wd on due_wd.date = page.due_date
order by page.due_date is null,
         if({newest_first:Bool}, -toInt64(toRelativeDayNum(assumeNotNull(page.due_date))), toInt64(toRelativeDayNum(assumeNotNull(page.due_date)))),
         if({newest_first:Bool}, -toInt64(toRelativeDayNum(page.received_date)), toInt64(toRelativeDayNum(page.received_date))),
         page.incoming_id
settings join_use_nulls = 0

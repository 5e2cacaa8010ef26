-- Who holds the open incoming documents of the given agencies at {as_of:Date32}: per unit and per
-- person with a pending or in-progress lead assignment (chủ trì), how many documents are open and
-- how many overdue. "Open" is the definition of open_documents.sql (kpi.md: r ≤ A, c null or c > A,
-- not withdrawn or returned; overdue: d < A); the API tests hold the two to the same totals.
-- A unit is one of an agency (every district had its "Phòng Nội vụ"): rows are keyed by the agency
-- and the unit, never by the unit's name alone (kpi.md, Grouped views), as performance.sql does. The
-- agency is the one that received the document: the units it assigns are its own.
with
    (select mapFromArrays(groupArray(agency_id), groupArray(code)) from analytics.dim_agency) as codes,
    (select mapFromArrays(groupArray(agency_id), groupArray(name)) from analytics.dim_agency) as names,
    matching as (
        select incoming_id, due_date
        from analytics.fct_incoming_document final
        where agency_id in {agencies:Array(Int64)}
          and status not in ('withdrawn', 'returned')
          and received_date <= {as_of:Date32}
          and (completed_date is null or completed_date > {as_of:Date32})
    ),
    holders as (
        select assignment.incoming_id as incoming_id, assignment.agency_id as agency_id,
               ifNull(assignment.unit_id, 0) as unit_id,
               ifNull(assignment.unit_name, '') as unit, ifNull(assignment.staff_name, '') as staff,
               matching.due_date is not null and matching.due_date < {as_of:Date32} as overdue
        from analytics.fct_incoming_assignment as assignment final
        inner join matching on matching.incoming_id = assignment.incoming_id
        where assignment.role = 'lead' and assignment.status in ('pending', 'in_progress')
    )
select level, codes[agency_id] as agency_code, names[agency_id] as agency_name, unit, staff, open, overdue from (
    select 'unit' as level, agency_id, any(unit) as unit, '' as staff,
           uniqExact(incoming_id) as open, uniqExactIf(incoming_id, overdue) as overdue
    from holders
    group by agency_id, unit_id
    order by overdue desc, open desc, unit, agency_id
    limit {limit:UInt32}
)
union all
select level, codes[agency_id] as agency_code, names[agency_id] as agency_name, unit, staff, open, overdue from (
    select 'staff' as level, agency_id, unit, staff,
           uniqExact(incoming_id) as open, uniqExactIf(incoming_id, overdue) as overdue
    from holders
    where staff != ''
    group by agency_id, unit, staff
    order by overdue desc, open desc, unit, staff, agency_id
    limit {limit:UInt32}
)
settings join_use_nulls = 0

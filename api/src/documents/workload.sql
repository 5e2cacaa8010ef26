-- Who holds the open incoming documents of the given agencies at {as_of:Date32}: per unit and per
-- person with a pending or in-progress lead assignment (chủ trì), how many documents are open and
-- how many overdue. "Open" is the definition of open_documents.sql (kpi.md: r ≤ A, c null or c > A,
-- not withdrawn or returned; overdue: d < A); the API tests hold the two to the same totals.
with
    matching as (
        select incoming_id, due_date
        from analytics.fct_incoming_document final
        where agency_id in {agencies:Array(Int64)}
          and status not in ('withdrawn', 'returned')
          and received_date <= {as_of:Date32}
          and (completed_date is null or completed_date > {as_of:Date32})
    ),
    holders as (
        select assignment.incoming_id as incoming_id,
               ifNull(assignment.unit_name, '') as unit, ifNull(assignment.staff_name, '') as staff,
               matching.due_date is not null and matching.due_date < {as_of:Date32} as overdue
        from analytics.fct_incoming_assignment as assignment final
        inner join matching on matching.incoming_id = assignment.incoming_id
        where assignment.role = 'lead' and assignment.status in ('pending', 'in_progress')
    )
select * from (
    select 'unit' as level, unit, '' as staff, uniqExact(incoming_id) as open, uniqExactIf(incoming_id, overdue) as overdue
    from holders
    group by unit
    order by overdue desc, open desc, unit
    limit {limit:UInt32}
)
union all
select * from (
    select 'staff' as level, unit, staff, uniqExact(incoming_id) as open, uniqExactIf(incoming_id, overdue) as overdue
    from holders
    where staff != ''
    group by unit, staff
    order by overdue desc, open desc, unit, staff
    limit {limit:UInt32}
)
settings join_use_nulls = 0

-- kpi.md "Where documents wait", per unit and per person, computed on the source from the spec alone:
-- the lead assignments (role = lead) of one agency's own documents (secret, withdrawn and returned
-- documents excluded, kpi.md Conventions); e = due_date, k = date(completed_at), g = date(assigned_at).
-- assignment_days: wd(k) − wd(g) over those completed in P, median and p90 by the nearest rank.
-- $1 agency code, $2 from, $3 to, $4 A, $5 by person (else by unit)
with lead as (
  select case when $5 then a.assignee_staff_id else a.assignee_unit_id end as key,
         (a.completed_at at time zone 'Asia/Ho_Chi_Minh')::date as k,
         a.due_date as e,
         (a.assigned_at at time zone 'Asia/Ho_Chi_Minh')::date as g
  from eoffice.assignment a
  join eoffice.incoming_document d on d.id = a.incoming_id
  join eoffice.agency ag on ag.id = d.agency_id
  where ag.code = $1 and d.secrecy = 'none' and d.status not in ('withdrawn', 'returned') and a.role = 'lead'
)
select coalesce(key, 0) as key,
       count(*) filter (where k between $2 and $3) as completed,
       count(*) filter (where k between $2 and $3 and e is not null and k <= e) as on_time,
       count(*) filter (where k between $2 and $3 and e is not null and k > e) as late,
       count(*) filter (where g <= $4 and (k is null or k > $4) and e is not null and e < $4) as open_overdue
  , (array_agg(wk.wd - wg.wd order by wk.wd - wg.wd) filter (where k between $2 and $3 and wk.wd is not null and wg.wd is not null))
      [(50 * count(*) filter (where k between $2 and $3 and wk.wd is not null and wg.wd is not null) + 99) / 100] as days_median
  , (array_agg(wk.wd - wg.wd order by wk.wd - wg.wd) filter (where k between $2 and $3 and wk.wd is not null and wg.wd is not null))
      [(90 * count(*) filter (where k between $2 and $3 and wk.wd is not null and wg.wd is not null) + 99) / 100] as days_p90
from lead
left join oracle.working_days wk on wk.date = lead.k
left join oracle.working_days wg on wg.date = lead.g
group by 1
having count(*) filter (where k between $2 and $3) > 0
    or count(*) filter (where g <= $4 and (k is null or k > $4) and e is not null and e < $4) > 0

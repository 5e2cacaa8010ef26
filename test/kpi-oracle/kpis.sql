-- Every KPI of shared/spec/kpi.md computed directly on the source tables (schema eoffice), written from
-- the spec alone, as the reference the warehouse is tested against.
-- $1 agency code, $2 from, $3 to, $4 A = min(to, today), $5 subtree (bool), $6 as_is (bool), $7 today
with recursive
requested as (
  select id, kind, parent_id from eoffice.agency where code = $1
),
-- the subtree: every agency below by parent_id, walked to any depth (union stops at a cycle);
-- the city's subtree is everything (kpi.md), whether or not an agency's chain reaches it
walked(id) as (
  select id from requested
  union
  select a.id from eoffice.agency a join walked w on a.parent_id = w.id where $5
),
scope_agencies as (
  select id from walked
  union
  select a.id from eoffice.agency a, requested r where $5 and r.kind = 'city' and r.parent_id is null
),
-- as_is: a succession applies from its effective_date, judged against today
chain(agency_id, current_id, depth) as (
  select id, id, 0 from eoffice.agency
  union all
  select chain.agency_id, s.successor_id, chain.depth + 1
  from chain join eoffice.agency_succession s
    on s.predecessor_id = chain.current_id and s.is_primary and s.effective_date <= $7::date
),
current_of as (
  select distinct on (agency_id) agency_id, current_id from chain order by agency_id, depth desc
),
-- the agencies whose documents count for the scope, in the requested view
counted as (
  select agency_id, current_id from current_of
  where (case when $6 then current_id else agency_id end) in (select id from scope_agencies)
),
incoming as (
  select d.*,
         (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date as r,
         case when d.status = 'completed' then (d.completed_at at time zone 'Asia/Ho_Chi_Minh')::date end as c,
         d.due_date as d
  from eoffice.incoming_document d
  where d.secrecy = 'none' and d.status <> 'withdrawn' and d.agency_id in (select agency_id from counted)
),
handled as (  -- returned documents count only in `returned`
  select * from incoming where status <> 'returned'
),
-- a date outside the working-day calendar has no duration (null), but the document still counts
completed as (
  select h.*, wc.wd - wr.wd as days
  from handled h
  left join oracle.working_days wr on wr.date = h.r
  left join oracle.working_days wc on wc.date = h.c
  where h.c between $2 and $3
),
processing_ranked as (
  select days, row_number() over (order by days) as k, count(*) over () as n from completed where days is not null
),
issued as (
  select o.*, wi.wd - wf.wd as days
  from eoffice.outgoing_document o
  left join oracle.working_days wf on wf.date = (o.drafted_at at time zone 'Asia/Ho_Chi_Minh')::date
  left join oracle.working_days wi on wi.date = (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date
  where o.secrecy = 'none' and o.status = 'issued' and o.agency_id in (select agency_id from counted)
    and (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
drafting_ranked as (
  select days, row_number() over (order by days) as k, count(*) over () as n from issued where days is not null
),
dispatches as (
  select x.channel
  from eoffice.dispatch x join eoffice.outgoing_document o on o.id = x.outgoing_id
  where o.secrecy = 'none' and o.status = 'issued' and o.agency_id in (select agency_id from counted)
    and (x.sent_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
work_files as (
  select w.electronic from eoffice.work_file w
  where w.agency_id in (select agency_id from counted)
    and (w.opened_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
existing as (
  select c.agency_id, c.current_id
  from counted c join eoffice.agency a on a.id = c.agency_id
  where a.valid_from <= $3 and (a.valid_to is null or a.valid_to >= $2)
),
group_members as (
  select distinct case when $6 then current_id else agency_id end as member from existing
),
active_members as (
  select distinct case when $6 then c.current_id else c.agency_id end as member
  from handled h join counted c on c.agency_id = h.agency_id
  where h.r between $2 and $3 and h.handled_on_system
)
select
  (select count(*) from handled where r between $2 and $3) as received,
  (select count(*) from incoming where status = 'returned' and r between $2 and $3) as returned,
  (select count(*) from completed) as completed,
  (select count(*) from completed where d is not null and c <= d) as completed_on_time,
  (select count(*) from completed where d is not null and c > d) as completed_late,
  (select count(*) from completed where d is null) as completed_no_deadline,
  (select count(*) from handled where r <= $4 and (c is null or c > $4) and (d is null or d >= $4)) as open_on_time,
  (select count(*) from handled where r <= $4 and (c is null or c > $4) and d is not null and d < $4) as open_overdue,
  (select count(*) from handled where r between $2 and $3 and c is not null and c <= $4) as cohort_completed,
  (select count(*) from handled where r between $2 and $3 and handled_on_system) as online,
  (select count(*) from handled where r between $2 and $3 and channel in ('internal', 'national_axis')) as interconnected,
  (select avg(days)::float8 from completed) as processing_mean,
  (select days from processing_ranked where k = (50 * n + 99) / 100) as processing_median,
  (select days from processing_ranked where k = (90 * n + 99) / 100) as processing_p90,
  (select count(*) from issued) as issued,
  (select count(*) from issued where digitally_signed) as digitally_signed,
  (select days from drafting_ranked where k = (50 * n + 99) / 100) as drafting_median,
  (select days from drafting_ranked where k = (90 * n + 99) / 100) as drafting_p90,
  (select count(*) from dispatches) as dispatches,
  (select count(*) from dispatches where channel in ('internal', 'national_axis')) as electronic_dispatches,
  (select count(*) from work_files) as opened,
  (select count(*) from work_files where electronic) as electronic_work_files,
  (select count(*) from group_members) as agencies,
  (select count(*) from active_members where member in (select member from group_members)) as active

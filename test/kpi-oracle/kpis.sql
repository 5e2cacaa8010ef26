-- Every KPI of shared/spec/kpi.md computed directly on the source tables (schema eoffice), written from
-- the spec alone, as the reference the warehouse is tested against.
-- $1 agency code, $2 from, $3 to, $4 A = min(to, today), $5 subtree (bool), $6 as_is (bool), $7 today
with recursive
requested as (
  select id, kind, parent_id from eoffice.agency where code = $1
),
-- as_was: agencies and parents as of each document's date (kpi.md, Grouped views), from the
-- oracle's record of versions (agency-history.sql): the last version of each day holds from that
-- day until the next; the first version recorded of an agency also holds for every day before it.
daily_versions as (
  select distinct on (id, day) id, parent_id, kind, day from oracle.agency_version order by id, day, seq desc
),
versions as (
  select id, parent_id, kind,
         case when row_number() over w = 1 then '-infinity'::date else day end as f,
         coalesce(lead(day) over w - 1, 'infinity'::date) as t
  from daily_versions window w as (partition by id order by day)
),
-- as_was subtree: (agency, first day, last day) while it is below the requested agency, walked
-- version by version to any depth (union stops at a cycle); the city's subtree is everything
-- (an agency's intervals are disjoint, so a document's day falls in at most one of them)
is_city as (
  select exists (select 1 from requested where kind = 'city' and parent_id is null) as yes
),
walked_was(id, f, t) as (
  select id, '-infinity'::date, 'infinity'::date from requested
  union
  select v.id, greatest(v.f, w.f), least(v.t, w.t)
  from versions v join walked_was w on v.parent_id = w.id and v.f <= w.t and w.f <= v.t
  where $5 and not (select yes from is_city)
),
scope_was(id, f, t) as (
  select id, f, t from walked_was where not ($5 and (select yes from is_city))
  union all
  select id, '-infinity'::date, 'infinity'::date from eoffice.agency where $5 and (select yes from is_city)
),
-- as_is: the structure as it stands (current parent_id), walked to any depth
walked_is(id) as (
  select id from requested
  union
  select a.id from eoffice.agency a join walked_is w on a.parent_id = w.id where $5
),
scope_is as (
  select id from walked_is
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
-- the agencies whose documents count for the scope, in the requested view, and the days on which
-- they count there (as_is: every day)
counted(agency_id, current_id, f, t) as (
  select agency_id, current_id, '-infinity'::date, 'infinity'::date from current_of
  where $6 and current_id in (select id from scope_is)
  union all
  select id, id, f, t from scope_was where not $6
),
incoming as (
  -- one row per document and interval of its agency; each event counts on the row whose interval
  -- holds its day (received: at_r, completed: at_c, open at A: at_a)
  select x.*, x.r between x.f and x.t as at_r, x.c between x.f and x.t as at_c, $4::date between x.f and x.t as at_a
  from (
    select d.*, k.f, k.t,
           (d.received_at at time zone 'Asia/Ho_Chi_Minh')::date as r,
           case when d.status = 'completed' then (d.completed_at at time zone 'Asia/Ho_Chi_Minh')::date end as c,
           d.due_date as d
    from eoffice.incoming_document d join counted k on k.agency_id = d.agency_id
    where d.secrecy = 'none' and d.status <> 'withdrawn'
  ) x
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
  where h.c between $2 and $3 and h.at_c
),
-- kpi.md, Deadline extensions: d0 = previous_due of the first extension (by approval), or d without
-- any; after expiry = approved on a day after the deadline it extended
extensions as (
  select e.incoming_id,
         (array_agg(e.previous_due order by e.approved_at, e.id))[1] as d0,
         bool_or((e.approved_at at time zone 'Asia/Ho_Chi_Minh')::date > e.previous_due) as after_expiry
  from eoffice.deadline_extension e
  group by e.incoming_id
),
completed_extended as (
  select c.c, case when x.incoming_id is null then c.d else x.d0 end as d0, x.incoming_id is not null as extended,
         coalesce(x.after_expiry, false) as after_expiry
  from completed c left join extensions x on x.incoming_id = c.id
),
-- kpi.md, Where documents wait: first submit (s) and first assign (g) from processing_log, a missing
-- step taking the next one's date (s ← g ← c); internal deliveries from the dispatch's sent_at
first_steps as materialized (
  select l.incoming_id,
         min((l.at at time zone 'Asia/Ho_Chi_Minh')::date) filter (where l.action = 'submit') as s,
         min((l.at at time zone 'Asia/Ho_Chi_Minh')::date) filter (where l.action = 'assign') as g
  from eoffice.processing_log l
  where l.incoming_id in (select id from handled where (at_c and c between $2 and $3) or (at_r and r between $2 and $3))
    and l.action in ('submit', 'assign')
  group by l.incoming_id
),
stepped as materialized (
  select h.*, coalesce(f.s, f.g, h.c) as s, coalesce(f.g, h.c) as g, (x.sent_at at time zone 'Asia/Ho_Chi_Minh')::date as sent
  from handled h
  left join first_steps f on f.incoming_id = h.id
  -- (a dispatch of a secret outgoing document is secret too: its time is nobody's to read)
  left join (select x.id, x.sent_at from eoffice.dispatch x join eoffice.outgoing_document o on o.id = x.outgoing_id and o.secrecy = 'none') x
    on x.id = h.from_dispatch_id
  -- only the documents these figures read: completed in P, or received in P
  where (h.at_c and h.c between $2 and $3) or (h.at_r and h.r between $2 and $3)
),
stage_days as (
  select 'delivery' as stage, wr.wd - wx.wd as days
  from stepped t join oracle.working_days wr on wr.date = t.r join oracle.working_days wx on wx.date = t.sent
  where t.at_c and t.c between $2 and $3
  union all
  select 'to_leader', ws.wd - wr.wd
  from stepped t join oracle.working_days wr on wr.date = t.r join oracle.working_days ws on ws.date = t.s
  where t.at_c and t.c between $2 and $3
  union all
  select 'to_assign', wg.wd - ws.wd
  from stepped t join oracle.working_days ws on ws.date = t.s join oracle.working_days wg on wg.date = t.g
  where t.at_c and t.c between $2 and $3
  union all
  select 'handling', wc.wd - wg.wd
  from stepped t join oracle.working_days wg on wg.date = t.g join oracle.working_days wc on wc.date = t.c
  where t.at_c and t.c between $2 and $3
),
stage_ranked as (
  select stage, days, row_number() over (partition by stage order by days) as k, count(*) over (partition by stage) as n from stage_days
),
timely as (
  select count(*) as n
  from stepped t join oracle.working_days wr on wr.date = t.r join oracle.working_days ws on ws.date = t.s
  where t.at_r and t.r between $2 and $3
    and ws.wd - wr.wd <= case when t.urgency = 'normal' then 1 else 0 end
),
processing_ranked as (
  select days, row_number() over (order by days) as k, count(*) over () as n from completed where days is not null
),
issued as (
  select o.*, wi.wd - wf.wd as days
  from eoffice.outgoing_document o
  left join oracle.working_days wf on wf.date = (o.drafted_at at time zone 'Asia/Ho_Chi_Minh')::date
  left join oracle.working_days wi on wi.date = (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date
  join counted k on k.agency_id = o.agency_id and (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date between k.f and k.t
  where o.secrecy = 'none' and o.status = 'issued'
    and (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
-- open at A with a deadline, and how many working days it is from A: wd(d) − wd(A) (kpi.md, Status at
-- the as-of date); wd(d) of a deadline before 2000-01-01 counts the working days of an empty range, 0;
-- one after the calendar's end has none (and is no nearer than 3 working days to any A it covers)
open_at_a as (
  select h.d, coalesce(wdd.wd, case when h.d < date '2000-01-01' then 0 end) - wda.wd as ahead
  from handled h
  left join oracle.working_days wdd on wdd.date = h.d
  join oracle.working_days wda on wda.date = $4::date
  where h.at_a and h.r <= $4 and (h.c is null or h.c > $4) and h.d is not null
),
drafting_ranked as (
  select days, row_number() over (order by days) as k, count(*) over () as n from issued where days is not null
),
dispatches as (
  select x.channel
  from eoffice.dispatch x join eoffice.outgoing_document o on o.id = x.outgoing_id
  join counted k on k.agency_id = o.agency_id and (x.sent_at at time zone 'Asia/Ho_Chi_Minh')::date between k.f and k.t
  where o.secrecy = 'none' and o.status = 'issued'
    and (x.sent_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
work_files as (
  select w.electronic from eoffice.work_file w
  join counted k on k.agency_id = w.agency_id and (w.opened_at at time zone 'Asia/Ho_Chi_Minh')::date between k.f and k.t
  where (w.opened_at at time zone 'Asia/Ho_Chi_Minh')::date between $2 and $3
),
-- members: agencies that existed on a day of P on which they counted for the scope
existing as (
  select c.agency_id, c.current_id
  from counted c join eoffice.agency a on a.id = c.agency_id
  where c.f <= $3 and c.t >= $2
    and a.valid_from <= least($3::date, c.t) and (a.valid_to is null or a.valid_to >= greatest($2::date, c.f))
),
group_members as (
  select distinct case when $6 then current_id else agency_id end as member from existing
),
active_members as (
  select distinct case when $6 then c.current_id else c.agency_id end as member
  from handled h join counted c on c.agency_id = h.agency_id and h.r between c.f and c.t
  where h.at_r and h.r between $2 and $3 and h.handled_on_system
)
select
  (select count(*) from handled where r between $2 and $3 and at_r) as received,
  (select count(*) from incoming where status = 'returned' and r between $2 and $3 and at_r) as returned,
  (select count(*) from completed) as completed,
  (select count(*) from completed where d is not null and c <= d) as completed_on_time,
  (select count(*) from completed where d is not null and c > d) as completed_late,
  (select count(*) from completed where d is null) as completed_no_deadline,
  (select days from stage_ranked where stage = 'delivery' and k = (50 * n + 99) / 100) as delivery_median,
  (select days from stage_ranked where stage = 'delivery' and k = (90 * n + 99) / 100) as delivery_p90,
  (select days from stage_ranked where stage = 'to_leader' and k = (50 * n + 99) / 100) as to_leader_median,
  (select days from stage_ranked where stage = 'to_leader' and k = (90 * n + 99) / 100) as to_leader_p90,
  (select days from stage_ranked where stage = 'to_assign' and k = (50 * n + 99) / 100) as to_assign_median,
  (select days from stage_ranked where stage = 'to_assign' and k = (90 * n + 99) / 100) as to_assign_p90,
  (select days from stage_ranked where stage = 'handling' and k = (50 * n + 99) / 100) as handling_median,
  (select days from stage_ranked where stage = 'handling' and k = (90 * n + 99) / 100) as handling_p90,
  (select n from timely) as timely_transfers,
  (select count(*) from completed_extended where extended) as extended,
  (select count(*) from completed_extended where after_expiry) as extended_after_expiry,
  (select count(*) from completed_extended where d0 is not null and c <= d0) as completed_on_time_original,
  (select count(*) from completed_extended where d0 is not null and c > d0) as completed_late_original,
  (select count(*) from handled where at_a and r <= $4 and (c is null or c > $4) and (d is null or d >= $4)) as open_on_time,
  (select count(*) from handled where at_a and r <= $4 and (c is null or c > $4) and d is not null and d < $4) as open_overdue,
  (select count(*) from handled where at_r and r between $2 and $3 and c is not null and c <= $4) as cohort_completed,
  -- due soon is part of open on time (d ≥ A); overdue (d < A) by working days overdue, the weekend
  -- days right after d (0 working days) in the first band
  (select count(*) from open_at_a where d >= $4 and ahead between 0 and 3) as open_due_soon,
  (select count(*) from open_at_a where d < $4 and -ahead <= 5) as overdue_1_5,
  (select count(*) from open_at_a where d < $4 and -ahead between 6 and 10) as overdue_6_10,
  (select count(*) from open_at_a where d < $4 and -ahead between 11 and 20) as overdue_11_20,
  (select count(*) from open_at_a where d < $4 and -ahead > 20) as overdue_over_20,
  (select count(*) from handled where at_r and r between $2 and $3 and handled_on_system) as online,
  (select count(*) from handled where at_r and r between $2 and $3 and channel in ('internal', 'national_axis')) as interconnected,
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

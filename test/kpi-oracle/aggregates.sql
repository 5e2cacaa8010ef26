-- PostgreSQL's fair peer in the benchmark (bin/bench.ts, issue 15): the same per-agency, per-day
-- aggregates the warehouse keeps (agg_agency_daily's day and month rows), kept here as materialized
-- views of the source tables, so that a KPI answered from them compares like with like (the oracle,
-- kpis.sql, answers from the documents themselves). Written from kpi.md as kpis.sql is, with the
-- same day of each event: received on the received day, completed on the completion day, issued on
-- the issue day, a dispatch on its sending day, a work file on its opening day; the open stock as
-- its changes (+1 when received, −1 when completed; overdue from the later of the received day and
-- the day after the deadline, until completed). `refresh materialized view` brings them up to date;
-- the benchmark times it.
drop materialized view if exists oracle.agg_monthly;
drop materialized view if exists oracle.agg_daily;
drop materialized view if exists oracle.agg_histograms;

create materialized view oracle.agg_daily as
with incoming as (
  select agency_id, status, handled_on_system, channel, due_date as d,
         (received_at at time zone 'Asia/Ho_Chi_Minh')::date as r,
         case when status = 'completed' then (completed_at at time zone 'Asia/Ho_Chi_Minh')::date end as c
  from eoffice.incoming_document
  where secrecy = 'none' and status <> 'withdrawn'
),
handled as (select * from incoming where status <> 'returned'),
overdue as (select *, greatest(r, d + 1) as s from handled where d is not null),
events as (
  select agency_id, r as day, 1 as received, 0 as returned, handled_on_system::int as online,
         (channel in ('internal', 'national_axis'))::int as interconnected,
         0 as completed, 0 as on_time, 0 as late, 0 as no_deadline, 0 as processing_days,
         1 as open_change, 0 as overdue_change, 0 as issued, 0 as signed, 0 as dispatches, 0 as electronic_dispatches,
         0 as opened, 0 as electronic_work_files
  from handled
  union all
  select agency_id, r, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 from incoming where status = 'returned'
  union all
  select h.agency_id, h.c, 0, 0, 0, 0, 1, (h.d is not null and h.c <= h.d)::int, (h.d is not null and h.c > h.d)::int, (h.d is null)::int,
         coalesce(wc.wd - wr.wd, 0), -1, 0, 0, 0, 0, 0, 0, 0
  from handled h
  left join oracle.working_days wr on wr.date = h.r
  left join oracle.working_days wc on wc.date = h.c
  where h.c is not null
  union all
  select agency_id, s, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0 from overdue where c is null or c > s
  union all
  select agency_id, c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0 from overdue where c > s
  union all
  select agency_id, (issued_at at time zone 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, digitally_signed::int, 0, 0, 0, 0
  from eoffice.outgoing_document where secrecy = 'none' and status = 'issued'
  union all
  select o.agency_id, (x.sent_at at time zone 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
         (x.channel in ('internal', 'national_axis'))::int, 0, 0
  from eoffice.dispatch x join eoffice.outgoing_document o on o.id = x.outgoing_id
  where o.secrecy = 'none' and o.status = 'issued'
  union all
  select agency_id, (opened_at at time zone 'Asia/Ho_Chi_Minh')::date, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, electronic::int
  from eoffice.work_file
)
select agency_id, day,
       sum(received)::bigint as received, sum(returned)::bigint as returned, sum(online)::bigint as online,
       sum(interconnected)::bigint as interconnected, sum(completed)::bigint as completed,
       sum(on_time)::bigint as completed_on_time, sum(late)::bigint as completed_late, sum(no_deadline)::bigint as completed_no_deadline,
       sum(processing_days)::bigint as processing_days_sum, sum(open_change)::bigint as open_change,
       sum(overdue_change)::bigint as overdue_change, sum(issued)::bigint as issued, sum(signed)::bigint as digitally_signed,
       sum(dispatches)::bigint as dispatches, sum(electronic_dispatches)::bigint as electronic_dispatches,
       sum(opened)::bigint as opened, sum(electronic_work_files)::bigint as electronic_work_files
from events
group by agency_id, day;
create index on oracle.agg_daily (agency_id, day);

create materialized view oracle.agg_monthly as
select agency_id, date_trunc('month', day)::date as month,
       sum(received)::bigint as received, sum(returned)::bigint as returned, sum(online)::bigint as online,
       sum(interconnected)::bigint as interconnected, sum(completed)::bigint as completed,
       sum(completed_on_time)::bigint as completed_on_time, sum(completed_late)::bigint as completed_late,
       sum(completed_no_deadline)::bigint as completed_no_deadline, sum(processing_days_sum)::bigint as processing_days_sum,
       sum(open_change)::bigint as open_change, sum(overdue_change)::bigint as overdue_change,
       sum(issued)::bigint as issued, sum(digitally_signed)::bigint as digitally_signed,
       sum(dispatches)::bigint as dispatches, sum(electronic_dispatches)::bigint as electronic_dispatches,
       sum(opened)::bigint as opened, sum(electronic_work_files)::bigint as electronic_work_files
from oracle.agg_daily
group by agency_id, month;
create index on oracle.agg_monthly (agency_id, month);

-- The quantiles' histograms and the cohort, by the day they count on: processing days on the
-- completion day, drafting days on the issue day (null durations: no value), and each received
-- day's completions by completion day.
create materialized view oracle.agg_histograms as
select h.agency_id, 'processing' as figure, (h.completed_at at time zone 'Asia/Ho_Chi_Minh')::date as day, wc.wd - wr.wd as value, count(*)::bigint as n
from eoffice.incoming_document h
join oracle.working_days wr on wr.date = (h.received_at at time zone 'Asia/Ho_Chi_Minh')::date
join oracle.working_days wc on wc.date = (h.completed_at at time zone 'Asia/Ho_Chi_Minh')::date
where h.secrecy = 'none' and h.status = 'completed'
group by 1, 2, 3, 4
union all
select o.agency_id, 'drafting', (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date, wi.wd - wf.wd, count(*)
from eoffice.outgoing_document o
join oracle.working_days wf on wf.date = (o.drafted_at at time zone 'Asia/Ho_Chi_Minh')::date
join oracle.working_days wi on wi.date = (o.issued_at at time zone 'Asia/Ho_Chi_Minh')::date
where o.secrecy = 'none' and o.status = 'issued'
group by 1, 2, 3, 4
union all
-- value: the completion day as a day number (cohort: received on `day`, completed on value)
select agency_id, 'cohort', (received_at at time zone 'Asia/Ho_Chi_Minh')::date,
       (((completed_at at time zone 'Asia/Ho_Chi_Minh')::date) - date '2000-01-01'), count(*)
from eoffice.incoming_document
where secrecy = 'none' and status = 'completed'
group by 1, 2, 3, 4;
create index on oracle.agg_histograms (figure, agency_id, day);

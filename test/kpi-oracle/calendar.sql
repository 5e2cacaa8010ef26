-- The oracle's own working-day table, built on PostgreSQL from the calendar CSV rows in
-- oracle.vn_calendar: wd(D) = number of working days in [2000-01-01, D] (kpi.md).
drop table if exists oracle.working_days;
create table oracle.working_days as
with days as (
  select d::date as date from generate_series(date '2000-01-01', date '2035-12-31', interval '1 day') as d
), flagged as (
  select days.date,
         case
           when cal.kind = 'makeup_workday' then 1
           when cal.kind in ('holiday', 'day_off') then 0
           when extract(isodow from days.date) <= 5 then 1
           else 0
         end as working
  from days left join oracle.vn_calendar cal on cal.date = days.date
)
select date, sum(working) over (order by date)::int as wd from flagged;
create unique index on oracle.working_days (date);

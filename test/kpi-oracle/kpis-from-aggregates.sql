-- The KPIs of a set of agencies, answered by PostgreSQL from its materialized aggregates
-- (aggregates.sql), the way the warehouse answers from its own: whole months of P from the monthly
-- view, the days at P's edges from the daily one, the open stock at A as the running sum of its
-- changes, quantiles from the histograms by the nearest-rank rule.
-- $1 agency ids (bigint[]), $2 from, $3 to, $4 A = min(to, today)
with
bounds as (
  select case when extract(day from $2::date) = 1 then $2::date else (date_trunc('month', $2::date) + interval '1 month')::date end as months_from,
         case when extract(day from $3::date + 1) = 1 then $3::date + 1 else date_trunc('month', $3::date)::date end as months_until,
         date_trunc('month', $4::date)::date as stock_month
),
period as (
  select m.* from oracle.agg_monthly m, bounds b
  where m.agency_id = any($1) and m.month >= b.months_from and m.month < b.months_until
  union all
  select d.agency_id, d.day, d.received, d.returned, d.online, d.interconnected, d.completed, d.completed_on_time, d.completed_late,
         d.completed_no_deadline, d.processing_days_sum, d.open_change, d.overdue_change, d.issued, d.digitally_signed,
         d.dispatches, d.electronic_dispatches, d.opened, d.electronic_work_files
  from oracle.agg_daily d, bounds b
  where d.agency_id = any($1) and d.day between $2 and $3 and not (d.day >= b.months_from and d.day < b.months_until)
),
stock as (
  select coalesce(sum(open_change), 0) as open_total, coalesce(sum(overdue_change), 0) as open_overdue from (
    select m.open_change, m.overdue_change from oracle.agg_monthly m, bounds b where m.agency_id = any($1) and m.month < b.stock_month
    union all
    select d.open_change, d.overdue_change from oracle.agg_daily d, bounds b where d.agency_id = any($1) and d.day between b.stock_month and $4
  ) s
),
histogram as (
  select figure, value, sum(n) as n from oracle.agg_histograms
  where figure in ('processing', 'drafting') and agency_id = any($1) and day between $2 and $3
  group by figure, value
),
ranked as (
  select figure, value, sum(n) over (partition by figure order by value) as reached, sum(n) over (partition by figure) as total from histogram
),
quantile as (
  select figure, p, min(value) as value from ranked, (values (50), (90)) as q(p)
  where reached >= floor((p * total + 99) / 100) group by figure, p
)
select
  coalesce(sum(received), 0) as received, coalesce(sum(returned), 0) as returned, coalesce(sum(completed), 0) as completed,
  coalesce(sum(completed_on_time), 0) as completed_on_time, coalesce(sum(completed_late), 0) as completed_late,
  coalesce(sum(completed_no_deadline), 0) as completed_no_deadline,
  (select open_total - open_overdue from stock) as open_on_time, (select open_overdue from stock) as open_overdue,
  (select coalesce(sum(n), 0) from oracle.agg_histograms where figure = 'cohort' and agency_id = any($1) and day between $2 and $3
     and value <= $4::date - date '2000-01-01') as cohort_completed,
  coalesce(sum(online), 0) as online, coalesce(sum(interconnected), 0) as interconnected,
  (select sum(value * n)::float8 / nullif(sum(n), 0) from histogram where figure = 'processing') as processing_mean,
  (select value from quantile where figure = 'processing' and p = 50) as processing_median,
  (select value from quantile where figure = 'processing' and p = 90) as processing_p90,
  coalesce(sum(issued), 0) as issued, coalesce(sum(digitally_signed), 0) as digitally_signed,
  (select value from quantile where figure = 'drafting' and p = 50) as drafting_median,
  (select value from quantile where figure = 'drafting' and p = 90) as drafting_p90,
  coalesce(sum(dispatches), 0) as dispatches, coalesce(sum(electronic_dispatches), 0) as electronic_dispatches,
  coalesce(sum(opened), 0) as opened, coalesce(sum(electronic_work_files), 0) as electronic_work_files,
  (select count(*) from eoffice.agency a where a.id = any($1) and a.valid_from <= $3 and (a.valid_to is null or a.valid_to >= $2)) as agencies,
  (select count(distinct agency_id) from oracle.agg_daily where agency_id = any($1) and day between $2 and $3 and online > 0
     and agency_id in (select a.id from eoffice.agency a where a.valid_from <= $3 and (a.valid_to is null or a.valid_to >= $2))) as active
from period

-- Each month row of agg_agency_daily and agg_city_daily carries the open stock at its end
-- (macros/figures.sql month_open_stock): the changes of that month and every earlier one of the
-- same agency, and the stock at the end of a month equals the changes of every day row up to it.
-- Day rows carry none. A row listed here disagrees.
with
    months as (
        select 'agg_agency_daily' as model, agency_id, day, open_stock,
               sumForEach(open_changes) over (partition by agency_id order by day rows between unbounded preceding and current row) as months_so_far
        from {{ ref('agg_agency_daily') }} final where grain = 'month'
        union all
        select 'agg_city_daily', agency_id, day, open_stock,
               sumForEach(open_changes) over (partition by agency_id order by day rows between unbounded preceding and current row)
        from {{ ref('agg_city_daily') }} final where grain = 'month'
    ),
    days as (
        -- The day rows' changes added up to the end of each month that has a row.
        select model, agency_id, month,
               sumForEach(changes) over (partition by model, agency_id order by month rows between unbounded preceding and current row) as days_so_far
        from (
            select 'agg_agency_daily' as model, agency_id, toDate32(toStartOfMonth(day)) as month, sumForEach(open_changes) as changes
            from {{ ref('agg_agency_daily') }} final where grain = 'day' group by agency_id, month
            union all
            select 'agg_city_daily', agency_id, toDate32(toStartOfMonth(day)), sumForEach(open_changes)
            from {{ ref('agg_city_daily') }} final where grain = 'day' group by agency_id, toDate32(toStartOfMonth(day))
        )
    )
select model, agency_id, day, 'month' as grain, open_stock, months_so_far, days_so_far
from months left join days on days.model = months.model and days.agency_id = months.agency_id and days.month = months.day
where open_stock != months_so_far or days.model = '' or open_stock != days_so_far
union all
select 'agg_agency_daily', agency_id, day, 'day', open_stock, [], []
from {{ ref('agg_agency_daily') }} final where grain = 'day' and notEmpty(open_stock)
union all
select 'agg_city_daily', agency_id, day, 'day', open_stock, [], []
from {{ ref('agg_city_daily') }} final where grain = 'day' and notEmpty(open_stock)

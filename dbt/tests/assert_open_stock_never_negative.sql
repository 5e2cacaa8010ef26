-- The running stock of open documents can never go below zero, nor overdue above open.
select agency_id, day
from (
    select agency_id, day,
           sum(open_change) over (partition by agency_id order by day rows between unbounded preceding and current row) as open_total,
           sum(overdue_change) over (partition by agency_id order by day rows between unbounded preceding and current row) as open_overdue
    from {{ ref('agg_agency_daily') }} final
    where grain = 'day'
)
where open_total < 0 or open_overdue < 0 or open_overdue > open_total

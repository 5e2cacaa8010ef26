-- The running stock of open documents can never go below zero, nor overdue above open; due soon is
-- part of open on time, and the bands of working days overdue nest (over 20 ⊆ over 10 ⊆ over 5 ⊆ overdue).
select agency_id, day
from (
    select agency_id, day,
           sum({{ packed_open_change('open_change') }}) over running as open_total,
           sum({{ packed_open_change('overdue_change') }}) over running as open_overdue,
           sum({{ packed_open_change('due_soon_change') }}) over running as open_due_soon,
           sum({{ packed_open_change('overdue_over_5_change') }}) over running as over_5,
           sum({{ packed_open_change('overdue_over_10_change') }}) over running as over_10,
           sum({{ packed_open_change('overdue_over_20_change') }}) over running as over_20
    from {{ ref('agg_agency_daily') }} final
    where grain = 'day'
    window running as (partition by agency_id order by day rows between unbounded preceding and current row)
)
where open_total < 0 or open_overdue < 0 or open_overdue > open_total
   or open_due_soon < 0 or open_due_soon > open_total - open_overdue
   or over_20 < 0 or over_20 > over_10 or over_10 > over_5 or over_5 > open_overdue

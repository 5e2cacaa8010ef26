-- The running stock of open documents can never go below zero, nor overdue above open.
select agency_id, day
from {{ ref('agg_incoming_open_daily') }}
where open_total < 0 or open_overdue < 0 or open_overdue > open_total

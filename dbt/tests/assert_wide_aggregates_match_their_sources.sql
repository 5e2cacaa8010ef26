-- The wide daily table and its monthly roll-up carry exactly the totals of the agg_ models they are
-- built from; a row here names a figure that drifted.
select figure, source_total, daily_total, monthly_total
from (
    select 'received' as figure,
           (select sum(received) from {{ ref('agg_incoming_received_daily') }}) as source_total,
           (select sum(received) from {{ ref('agg_agency_daily') }}) as daily_total,
           (select sum(received) from {{ ref('agg_agency_monthly') }}) as monthly_total
    union all
    select 'completed',
           (select sum(completed) from {{ ref('agg_incoming_completed_daily') }}),
           (select sum(completed) from {{ ref('agg_agency_daily') }}),
           (select sum(completed) from {{ ref('agg_agency_monthly') }})
    union all
    select 'processing_days_documents',
           (select sum(documents) from {{ ref('agg_incoming_processing_days') }}),
           (select sum(arraySum(processing_days_counts)) from {{ ref('agg_agency_daily') }}),
           (select sum(arraySum(processing_days_counts)) from {{ ref('agg_agency_monthly') }})
    union all
    select 'issued',
           (select sum(issued) from {{ ref('agg_outgoing_issued_daily') }}),
           (select sum(issued) from {{ ref('agg_agency_daily') }}),
           (select sum(issued) from {{ ref('agg_agency_monthly') }})
    union all
    select 'dispatches',
           (select sum(dispatches) from {{ ref('agg_dispatch_daily') }}),
           (select sum(dispatches) from {{ ref('agg_agency_daily') }}),
           (select sum(dispatches) from {{ ref('agg_agency_monthly') }})
    union all
    select 'open_stock_now',
           (select sum(open_total) from (select argMax(open_total, day) as open_total from {{ ref('agg_incoming_open_daily') }} group by agency_id)),
           (select sum(open_change) from {{ ref('agg_agency_daily') }}),
           (select sum(argMax_open) from (select argMax(open_total_at_month_end, month) as argMax_open from {{ ref('agg_agency_monthly') }} group by agency_id))
)
where not (source_total = daily_total and daily_total = monthly_total)

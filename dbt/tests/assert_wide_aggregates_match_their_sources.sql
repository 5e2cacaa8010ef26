-- The wide table's day rows and its month rows carry exactly the totals of the facts they come
-- from, through the cohorts; a row here names a figure that drifted (an incremental run that missed
-- a change shows here first).
select figure, fact_total, daily_total, monthly_total
from (
    select 'received' as figure,
           (select countIf(status not in ('withdrawn', 'returned')) from {{ ref('fct_incoming_document') }} final) as fact_total,
           (select sum({{ packed_count('received') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day') as daily_total,
           (select sum({{ packed_count('received') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month') as monthly_total
    union all
    select 'completed',
           (select countIf(status = 'completed' and completed_date is not null) from {{ ref('fct_incoming_document') }} final),
           (select sum({{ packed_count('completed') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day'),
           (select sum({{ packed_count('completed') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month')
    union all
    select 'processing_days_documents',
           (select countIf(status = 'completed' and completed_date is not null and processing_days is not null) from {{ ref('fct_incoming_document') }} final),
           (select sum({{ histogram_documents('processing_days_histogram') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day'),
           (select sum({{ histogram_documents('processing_days_histogram') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month')
    union all
    select 'issued',
           (select countIf(status = 'issued' and issued_date is not null) from {{ ref('fct_outgoing_document') }} final),
           (select sum({{ packed_count('issued') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day'),
           (select sum({{ packed_count('issued') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month')
    union all
    select 'dispatches',
           (select countIf(outgoing_status = 'issued') from {{ ref('fct_dispatch') }} final),
           (select sum({{ packed_count('dispatches') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day'),
           (select sum({{ packed_count('dispatches') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month')
    union all
    select 'open_stock_now',
           (select countIf(status not in ('withdrawn', 'returned') and completed_date is null) from {{ ref('fct_incoming_document') }} final),
           (select sum({{ packed_open_change('open_change') }}) from {{ ref('agg_agency_daily') }} final where grain = 'day'),
           (select sum({{ packed_open_change('open_change') }}) from {{ ref('agg_agency_daily') }} final where grain = 'month')
)
where not (fact_total = daily_total and daily_total = monthly_total)

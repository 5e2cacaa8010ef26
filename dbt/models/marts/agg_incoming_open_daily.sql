{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, day)') }}
-- Documents open at the end of each day, per receiving agency, as a running stock with a row only
-- on the days it changes. Open at end of day X: r ≤ X and (c null or c > X); overdue also when
-- d < X (kpi.md). Built from difference events, so the stock on day A is the row with the greatest
-- day ≤ A; equally, the sum of the day's changes up to A. Withdrawn and returned documents are never open.

with documents as (
    select
        agency_id,
        received_date,
        completed_date,
        due_date,
        greatest(received_date, assumeNotNull(due_date) + 1) as overdue_from
    from {{ ref('fct_incoming_document') }} final
    where status not in ('withdrawn', 'returned')
),

changes as (
    select agency_id, received_date as day, 1 as opened, 0 as overdue
    from documents
    union all
    select agency_id, assumeNotNull(completed_date) as day, -1 as opened, 0 as overdue
    from documents
    where completed_date is not null
    union all
    select agency_id, overdue_from as day, 0 as opened, 1 as overdue
    from documents
    where due_date is not null and (completed_date is null or completed_date > overdue_from)
    union all
    select agency_id, assumeNotNull(completed_date) as day, 0 as opened, -1 as overdue
    from documents
    where due_date is not null and completed_date is not null and completed_date > overdue_from
),

daily as (
    select agency_id, day, sum(opened) as opened, sum(overdue) as overdue
    from changes
    group by agency_id, day
)

select
    agency_id,
    day,
    opened as open_change,
    overdue as overdue_change,
    sum(opened) over (partition by agency_id order by day rows between unbounded preceding and current row) as open_total,
    sum(overdue) over (partition by agency_id order by day rows between unbounded preceding and current row) as open_overdue
from daily

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, family, cohort_month, day)', settings={'index_granularity': 256}) }}
-- Granules of 256 rows: a cohort is about 60 rows, and a refresh reads the touched cohorts with FINAL.
-- Every daily figure of kpi.md per agency and day, split by cohort: the family of the fact and the
-- month its rows are keyed by (an incoming document's registration, an outgoing one's drafting, a
-- dispatch's sending, a work file's opening). Whatever changes about a document (completed,
-- extended, backdated, withdrawn, deleted), its figures move only inside its own cohort, so an
-- incremental run re-derives whole cohorts, those of the fact rows written since its last run, and
-- never needs the days a document counted on before. A document that changes agency or month
-- leaves a retired fact row in its old cohort, which is re-derived too.
-- The definitions of kpi.md live here; agg_agency_daily adds the cohorts of each day up.
-- Histograms stay exact as sorted (value → documents) maps; the open stock is carried as daily
-- changes (stock at A = sum of changes up to A); the cohort completion keeps, per day of receipt,
-- how many of the documents received that day were completed on each date.
-- The status at A (kpi.md, Status at the as-of date) is carried as changes too: an open document
-- enters "due soon" on the working day three before its deadline, and each band of working days
-- overdue on the working day its age passes 5, 10 and 20; so the figures at any A are sums, whatever A.
-- Withdrawn incoming documents never count; returned ones only in `returned`.

with
    -- wd(D) by D's offset from 2000-01-01 (int_working_days' range), and the n-th working day, the first
    -- date D with wd(D) = n: each read once, as constants, so a document's dates are array lookups.
    (select groupArray(wd) from (select wd from {{ ref('int_working_days') }} order by date)) as wd_by_day,
    (select groupArray(date) from (select date from {{ ref('int_working_days') }} where is_working_day order by date)) as working_dates,
    -- wd(d) of a deadline: 0 before 2000-01-01 (kpi.md: the working days in [2000-01-01, d], none), and
    -- -1 after the calendar's end (unknown: such a deadline is neither near nor past at any A it covers)
    (d) -> if(d < toDate32('2000-01-01'), 0,
              if(d < toDate32('2000-01-01') + length(wd_by_day), wd_by_day[toUInt32(dateDiff('day', toDate32('2000-01-01'), d)) + 1], -1)) as wd_of,
    -- The n-th working day: the calendar's first date when n < 1, and never (2299-12-31) beyond its end
    (n) -> if(n < 1, toDate32('1900-01-01'), if(n > length(working_dates), toDate32('2299-12-31'), working_dates[n])) as working_date,

{% if is_incremental() %}
since as (
    -- Fact rows written after the last build that ran this model are what changed since. Purges are
    -- ingest's, concurrent with builds: their places are read from that build's start, less a margin.
    select {{ last_build_end('int_agency_cohort_daily') }} as version,
           toUnixTimestamp64Nano({{ picked_up_since('int_agency_cohort_daily') }}) as purged_since
),

-- The places of the fact rows ingest removed outright (a document that turned secret,
-- ingest/src/writers/document-facts.ts), as cohorts.
purged as (
    select fact, agency_id, toDate32(toStartOfMonth(day)) as cohort_month
    from {{ source('eoffice_raw', '_purged_facts') }} where _version > (select purged_since from since)
),

-- The cohorts of the fact rows written since: every physical row, superseded and retired ones
-- included (no FINAL), so a document's old cohort is among them; and those of the purged rows.
touched_incoming as (
    select agency_id, toDate32(toStartOfMonth(received_date)) as cohort_month
    from {{ ref('fct_incoming_document') }} where _version > (select version from since)
    union all
    select agency_id, cohort_month from purged where fact = 'fct_incoming_document'
),
touched_outgoing as (
    select agency_id, toDate32(toStartOfMonth(drafted_date)) as cohort_month
    from {{ ref('fct_outgoing_document') }} where _version > (select version from since)
    union all
    select agency_id, cohort_month from purged where fact = 'fct_outgoing_document'
),
touched_dispatch as (
    select agency_id, toDate32(toStartOfMonth(sent_date)) as cohort_month
    from {{ ref('fct_dispatch') }} where _version > (select version from since)
    union all
    select agency_id, cohort_month from purged where fact = 'fct_dispatch'
),
touched_work_file as (
    select agency_id, toDate32(toStartOfMonth(opened_date)) as cohort_month
    from {{ ref('fct_work_file') }} where _version > (select version from since)
),
{% endif %}

incoming as (
    select agency_id, toDate32(toStartOfMonth(received_date)) as cohort_month, received_date, completed_date, due_date,
           status, handled_on_system, is_interconnected, processing_days, original_due_date, extended, extended_after_expiry,
           delivery_days, to_leader_days, to_assign_days, handling_days, timely_transfer,
           greatest(received_date, assumeNotNull(due_date) + 1) as overdue_from,
           -- Open with a deadline the calendar can count to: it has a status band at every A it is open on.
           status != 'returned' and due_wd >= 0 as has_band,
           -- The first day it is due soon (0 ≤ wd(d) − wd(A) ≤ 3, and d ≥ A: part of open on time),
           -- and the first days it is more than 5, 10 and 20 working days overdue (wd(A) − wd(d) > k).
           greatest(received_date, working_date(due_wd - 3)) as due_soon_from,
           greatest(received_date, working_date(due_wd + 6)) as over_5_from,
           greatest(received_date, working_date(due_wd + 11)) as over_10_from,
           greatest(received_date, working_date(due_wd + 21)) as over_20_from,
           -- whether it is open on that first day (so it enters the band, and leaves it when completed)
           has_band and due_soon_from <= assumeNotNull(due_date) and (completed_date is null or completed_date > due_soon_from) as due_soon_enters,
           has_band and over_5_from < toDate32('2299-12-31') and (completed_date is null or completed_date > over_5_from) as over_5_enters,
           has_band and over_10_from < toDate32('2299-12-31') and (completed_date is null or completed_date > over_10_from) as over_10_enters,
           has_band and over_20_from < toDate32('2299-12-31') and (completed_date is null or completed_date > over_20_from) as over_20_enters,
           _ingested_at
    from (
        select *, if(due_date is null, -1, wd_of(assumeNotNull(due_date))) as due_wd
        from {{ ref('fct_incoming_document') }} final
        where status != 'withdrawn'
        {% if is_incremental() %}
          and (agency_id, toDate32(toStartOfMonth(received_date))) in (select agency_id, cohort_month from touched_incoming)
        {% endif %}
    )
),

outgoing as (
    select agency_id, toDate32(toStartOfMonth(drafted_date)) as cohort_month, assumeNotNull(issued_date) as day, digitally_signed, drafting_days, _ingested_at
    from {{ ref('fct_outgoing_document') }} final
    where status = 'issued' and issued_date is not null
    {% if is_incremental() %}
      and (agency_id, toDate32(toStartOfMonth(drafted_date))) in (select agency_id, cohort_month from touched_outgoing)
    {% endif %}
),

dispatch as (
    select agency_id, toDate32(toStartOfMonth(sent_date)) as cohort_month, sent_date as day, is_electronic, _ingested_at
    from {{ ref('fct_dispatch') }} final
    where outgoing_status = 'issued'
    {% if is_incremental() %}
      and (agency_id, toDate32(toStartOfMonth(sent_date))) in (select agency_id, cohort_month from touched_dispatch)
    {% endif %}
),

work_file as (
    select agency_id, toDate32(toStartOfMonth(opened_date)) as cohort_month, opened_date as day, electronic, _ingested_at
    from {{ ref('fct_work_file') }} final
    {% if is_incremental() %}
    where (agency_id, toDate32(toStartOfMonth(opened_date))) in (select agency_id, cohort_month from touched_work_file)
    {% endif %}
),

all_figures as (
    -- Each incoming document read once, as its events: registered (r), completed (c), overdue (o).
    --   r: received, returned, online, interconnected; it opens (unless returned); the cohort
    --      completion keeps, on the day of registration, the date it was completed;
    --   c: completed, by deadline, and the processing time; it closes, and stops being overdue;
    --   o: an open document becomes overdue on the day after its due date (d < A), unless completed by then;
    --      it stops being due soon;
    --   s, a5, a10, a20: an open document becomes due soon, more than 5, 10, 20 working days overdue;
    --      it stops when completed (due soon also when it becomes overdue).
    -- (completed_date is not null under c and `false and null` is false: never null, whatever the type says)
    select agency_id, 'incoming' as family, cohort_month, event.1 as day,
           toInt64(event.2 = 'r' and status != 'returned') as received,
           toInt64(event.2 = 'r' and status = 'returned') as returned,
           toInt64(event.2 = 'r' and status != 'returned' and handled_on_system) as online,
           toInt64(event.2 = 'r' and status != 'returned' and is_interconnected) as interconnected,
           toInt64(event.2 = 'c') as completed,
           toInt64(event.2 = 'c' and assumeNotNull(due_date is not null and completed_date <= due_date)) as completed_on_time,
           toInt64(event.2 = 'c' and assumeNotNull(due_date is not null and completed_date > due_date)) as completed_late,
           toInt64(event.2 = 'c' and due_date is null) as completed_no_deadline,
           if(event.2 = 'c', toInt64(ifNull(processing_days, 0)), 0) as processing_days_sum,
           if(event.2 = 'c' and processing_days is not null, [toInt64(assumeNotNull(processing_days))], []) as processing_days_keys,
           multiIf(event.2 = 'r', toInt64(status != 'returned'), event.2 = 'c', -1, 0) as open_change,
           multiIf(event.2 = 'o', 1, event.2 = 'c', -toInt64(assumeNotNull(due_date is not null and completed_date > overdue_from)), 0) as overdue_change,
           multiIf(event.2 = 's', 1, event.2 = 'o' and due_soon_enters, -1,
                   event.2 = 'c' and assumeNotNull(due_soon_enters and completed_date <= overdue_from), -1, 0) as due_soon_change,
           multiIf(event.2 = 'a5', 1, event.2 = 'c' and over_5_enters, -1, 0) as overdue_over_5_change,
           multiIf(event.2 = 'a10', 1, event.2 = 'c' and over_10_enters, -1, 0) as overdue_over_10_change,
           multiIf(event.2 = 'a20', 1, event.2 = 'c' and over_20_enters, -1, 0) as overdue_over_20_change,
           if(event.2 = 'r' and status != 'returned' and completed_date is not null, [assumeNotNull(completed_date)], []) as cohort_completed_keys,
           0 as issued, 0 as digitally_signed, [] :: Array(Int64) as drafting_days_keys,
           0 as dispatches, 0 as electronic_dispatches, 0 as work_files_opened, 0 as electronic_work_files,
           -- c: extended (kpi.md, Deadline extensions), and on time or late against the original deadline d0
           toInt64(event.2 = 'c' and extended) as extended,
           toInt64(event.2 = 'c' and extended_after_expiry) as extended_after_expiry,
           toInt64(event.2 = 'c' and assumeNotNull(original_due_date is not null and completed_date <= original_due_date)) as completed_on_time_original,
           toInt64(event.2 = 'c' and assumeNotNull(original_due_date is not null and completed_date > original_due_date)) as completed_late_original,
           -- c: where it waited (kpi.md, Where documents wait); r: submitted in time (Decree 30)
           if(event.2 = 'c' and delivery_days is not null, [toInt64(assumeNotNull(delivery_days))], []) as delivery_days_keys,
           if(event.2 = 'c' and to_leader_days is not null, [toInt64(assumeNotNull(to_leader_days))], []) as to_leader_days_keys,
           if(event.2 = 'c' and to_assign_days is not null, [toInt64(assumeNotNull(to_assign_days))], []) as to_assign_days_keys,
           if(event.2 = 'c' and handling_days is not null, [toInt64(assumeNotNull(handling_days))], []) as handling_days_keys,
           toInt64(event.2 = 'r' and status != 'returned' and timely_transfer) as timely_transfers,
           _ingested_at
    from incoming
    array join arrayFilter(e -> e.2 != '', [
        (received_date, 'r'),
        (ifNull(completed_date, received_date), if(status = 'completed' and completed_date is not null, 'c', '')),
        (overdue_from, if(status != 'returned' and due_date is not null and (completed_date is null or completed_date > overdue_from), 'o', '')),
        (due_soon_from, if(due_soon_enters, 's', '')),
        (over_5_from, if(over_5_enters, 'a5', '')),
        (over_10_from, if(over_10_enters, 'a10', '')),
        (over_20_from, if(over_20_enters, 'a20', ''))
    ]) as event
    union all
    -- issued, digitally signed, drafting time: on the day of issue
    select agency_id, 'outgoing', cohort_month, day,
           0, 0, 0, 0, 0, 0, 0, 0, 0, [],
           0, 0, 0, 0, 0, 0, [],
           1, toInt64(digitally_signed), if(drafting_days is null, [], [toInt64(assumeNotNull(drafting_days))]),
           0, 0, 0, 0, 0, 0, 0, 0, [], [], [], [], 0, _ingested_at
    from outgoing
    union all
    select agency_id, 'dispatch', cohort_month, day,
           0, 0, 0, 0, 0, 0, 0, 0, 0, [],
           0, 0, 0, 0, 0, 0, [],
           0, 0, [],
           1, toInt64(is_electronic), 0, 0, 0, 0, 0, 0, [], [], [], [], 0, _ingested_at
    from dispatch
    union all
    select agency_id, 'work_file', cohort_month, day,
           0, 0, 0, 0, 0, 0, 0, 0, 0, [],
           0, 0, 0, 0, 0, 0, [],
           0, 0, [],
           0, 0, 1, toInt64(electronic), 0, 0, 0, 0, [], [], [], [], 0, _ingested_at
    from work_file
),

figures as (
    select
        agency_id,
        family,
        cohort_month,
        day,
        {{ summed_counts() }},
        {{ counted_values('processing_days_keys', 'processing_days_histogram') }},
        {{ counted_values('cohort_completed_keys', 'cohort_completed_histogram') }},
        {{ counted_values('drafting_days_keys', 'drafting_days_histogram') }},
        {{ counted_values('delivery_days_keys', 'delivery_days_histogram') }},
        {{ counted_values('to_leader_days_keys', 'to_leader_days_histogram') }},
        {{ counted_values('to_assign_days_keys', 'to_assign_days_histogram') }},
        {{ counted_values('handling_days_keys', 'handling_days_histogram') }},
        -- the newest arrival among the documents counted here
        max(_ingested_at) as _ingested_at
    from all_figures
    group by agency_id, family, cohort_month, day
),

derived as (
    select
        agency_id, family, cohort_month, day,
        {{ stored_figures() }},
        _ingested_at
    from figures
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the re-derived cohorts: days a cohort no longer counts on are retired.
    select * except (_version, _is_deleted) from {{ this }} final
    where (agency_id, family, cohort_month) in (
        select agency_id, 'incoming', cohort_month from touched_incoming
        union all select agency_id, 'outgoing', cohort_month from touched_outgoing
        union all select agency_id, 'dispatch', cohort_month from touched_dispatch
        union all select agency_id, 'work_file', cohort_month from touched_work_file)
)

{{ changed_rows('agency_id, family, cohort_month, day') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, received_date, incoming_id)', settings={'index_granularity': 1024}) }}
-- Granules of 1,024 rows, not 8,192: a refresh reads the changed rows by primary key with FINAL, a whole
-- granule each (with int_agency_cohort_daily's 256-row granules, measured together at scale 1: the
-- refresh 3.9 → 3.5 s, the full build 149 → 153 s; dbt/INCREMENTAL.md).
-- One row per incoming document (văn bản đến) of the receiving agency, with local dates and the
-- processing time in working days: wd(completed_date) − wd(received_date). All statuses are kept;
-- the KPI aggregates apply kpi.md's exclusions (withdrawn never counts, returned only as returned).
-- No join may drop a document: a date outside the working-day calendar leaves processing_days null
-- (the document still counts as received, completed, open…) and is reported by dq_outside_calendar;
-- where its documents count in view as_is is decided per request by the API, not here.
-- Kept incrementally (dbt/INCREMENTAL.md): a run re-derives only the documents whose raw rows
-- arrived since the last build that ran this model began, and appends the rows that changed with a
-- newer _version (macros/incremental.sql changed_rows); a document deleted, turned secret or moved
-- to another agency or day gets a row with _is_deleted = 1 where it stood, with its key and no text. ReplacingMergeTree keeps the newest row
-- of each (agency_id, received_date, incoming_id): read the table with FINAL. Re-deriving is
-- idempotent, so a replayed, repeated or reordered batch changes nothing.

with

{% if is_incremental() %}
since as (
    -- Raw rows are picked up from the start of the last build that ran this model, less the lookback
    -- (macros/incremental.sql, picked_up_since), whether or not that build wrote anything.
    select {{ picked_up_since('fct_incoming_document') }} as at
),

changed as (
    -- Rows with a raw version that arrived since the last run (`since`), and the
    -- documents of the deadline extensions, steps and delivering dispatches that did.
    select distinct id from (
        select id from {{ source('eoffice_raw', 'incoming_document') }} where _ingested_at >= (select at from since)
        union all
        select incoming_id as id from {{ source('eoffice_raw', 'deadline_extension') }} where _ingested_at >= (select at from since)
        union all
        -- a submit or assign written, changed or retired since this model's last build (int_incoming_step_log)
        select incoming_id as id from {{ ref('int_incoming_step_log') }}
        where _version > {{ last_build_end('fct_incoming_document') }}
        union all
        -- the documents a dispatch that arrived delivered (internal deliveries: their delivery time)
        select id from {{ source('eoffice_raw', 'incoming_document') }}
        where from_dispatch_id in (select id from {{ source('eoffice_raw', 'dispatch') }} where _ingested_at >= (select at from since))
    )
),
{% endif %}

incoming as (
    select
        id,
        agency_id,
        toDate32(toTimeZone(received_at, 'Asia/Ho_Chi_Minh')) as received_date,
        -- c is null unless the document is completed (kpi.md)
        if(status = 'completed' and completed_at is not null,
           toDate32(toTimeZone(assumeNotNull(completed_at), 'Asia/Ho_Chi_Minh')), null) as completed_date,
        due_date,
        status,
        channel,
        urgency,
        doc_type,
        handled_on_system,
        from_dispatch_id,
        received_at,
        completed_at,
        reg_number,
        source_notation,
        issuer_name,
        summary,
        _ingested_at
    from {{ ref('stg_eoffice__incoming_document') }}
    {% if is_incremental() %}
    where id in (select id from changed)
    {% endif %}
),

working_days as (
    select date, wd from {{ ref('int_working_days') }}
),

-- kpi.md, Where documents wait: the first submit (trình) and the first assign (giao xử lý) of each
-- document, from its step rows (int_incoming_step_log: processing_log's submit and assign rows,
-- ordered by document, so that a run reads the changed documents' rows by primary key).
steps as (
    select assumeNotNull(incoming_id) as incoming_id,
           toDate32(toTimeZone(minIfOrNull(at, action = 'submit'), 'Asia/Ho_Chi_Minh')) as first_submit_date,
           toDate32(toTimeZone(minIfOrNull(at, action = 'assign'), 'Asia/Ho_Chi_Minh')) as first_assign_date,
           max(_ingested_at) as _ingested_at
    from {{ ref('int_incoming_step_log') }} final
    {% if is_incremental() %}
    where incoming_id in (select id from changed)
    {% endif %}
    group by incoming_id
),

-- The dispatch that delivered an internal delivery, and when it was sent.
delivering as (
    select id as dispatch_id, toDate32(toTimeZone(sent_at, 'Asia/Ho_Chi_Minh')) as sent_date, _ingested_at
    from {{ ref('stg_eoffice__dispatch') }}
    where id in (select from_dispatch_id from incoming where from_dispatch_id is not null)
),

-- The dates of the steps; a missing step takes the next one's date (s ← g ← c), kpi.md. Joined
-- narrow, then once to the documents: a join carries every column of its left side (scale 1: two
-- joins on the wide rows took the fact's build from 24 to 101 s; joined narrow, 48 s).
step_dates as (
    select documents.id as id,
           coalesce(steps.first_assign_date, documents.completed_date) as assign_step_date,
           coalesce(steps.first_submit_date, assign_step_date) as submit_step_date,
           delivering.sent_date as delivery_sent_date,
           greatest(ifNull(steps._ingested_at, toDateTime64(0, 3, 'UTC')), ifNull(delivering._ingested_at, toDateTime64(0, 3, 'UTC'))) as steps_ingested_at
    from (select id, completed_date, from_dispatch_id from incoming) as documents
    left join steps on steps.incoming_id = documents.id
    left join delivering on delivering.dispatch_id = documents.from_dispatch_id
    settings join_use_nulls = 1
),

-- kpi.md, Deadline extensions (gia hạn): the original deadline d0 is the previous_due of the first
-- extension; an extension approved on a day after the deadline it extended came after expiry.
extensions as (
    select incoming_id,
           argMin(previous_due, (approved_at, id)) as original_due_date,
           max(toDate32(toTimeZone(approved_at, 'Asia/Ho_Chi_Minh')) > previous_due) as after_expiry,
           max(_ingested_at) as _ingested_at
    from {{ ref('stg_eoffice__deadline_extension') }}
    {% if is_incremental() %}
    where incoming_id in (select id from changed)
    {% endif %}
    group by incoming_id
),

derived as (
select
    incoming.id as incoming_id,
    incoming.agency_id as agency_id,
    incoming.received_date as received_date,
    incoming.completed_date as completed_date,
    incoming.due_date as due_date,
    incoming.status as status,
    incoming.channel as channel,
    incoming.urgency as urgency,
    incoming.doc_type as doc_type,
    incoming.handled_on_system as handled_on_system,
    incoming.channel in ('internal', 'national_axis') as is_interconnected,
    if(incoming.completed_date is null or received_wd.wd is null or completed_wd.wd is null,
       null, completed_wd.wd - received_wd.wd) as processing_days,
    -- d0 (the due date before any extension), and whether it was extended, and after expiry
    -- kpi.md, Where documents wait, in working days: delivery (internal deliveries), registered →
    -- submitted to the leader, → assigned, → completed; null when a step has not happened yet or a
    -- date is outside the calendar. Timely transfer (Decree 30): submitted by the next working day,
    -- the same day when urgent.
    step_dates.submit_step_date as submitted_date,
    step_dates.assign_step_date as assigned_date,
    received_wd.wd - sent_wd.wd as delivery_days,
    submitted_wd.wd - received_wd.wd as to_leader_days,
    assigned_wd.wd - submitted_wd.wd as to_assign_days,
    completed_wd.wd - assigned_wd.wd as handling_days,
    ifNull(to_leader_days <= if(incoming.urgency = 'normal', 1, 0), false) as timely_transfer,
    if(extensions.incoming_id is null, incoming.due_date, extensions.original_due_date) as original_due_date,
    extensions.incoming_id is not null as extended,
    ifNull(extensions.after_expiry, 0) = 1 as extended_after_expiry,
    incoming.received_at as received_at,
    incoming.completed_at as completed_at,
    -- How a person recognises the document in a list (số đến, số ký hiệu, nơi gửi, trích yếu).
    incoming.reg_number as reg_number,
    incoming.source_notation as source_notation,
    incoming.issuer_name as issuer_name,
    incoming.summary as summary,
    greatest(incoming._ingested_at, ifNull(step_dates.steps_ingested_at, incoming._ingested_at), ifNull(extensions._ingested_at, incoming._ingested_at)) as _ingested_at
from incoming
left join step_dates on step_dates.id = incoming.id
left join working_days as received_wd on received_wd.date = incoming.received_date
left join working_days as completed_wd on completed_wd.date = incoming.completed_date
left join working_days as submitted_wd on submitted_wd.date = step_dates.submit_step_date
left join working_days as assigned_wd on assigned_wd.date = step_dates.assign_step_date
left join working_days as sent_wd on sent_wd.date = step_dates.delivery_sent_date
left join extensions on extensions.incoming_id = incoming.id
settings join_use_nulls = 1
)

{% if is_incremental() %}
, held as (
    -- What this table holds for the changed documents (macros/incremental.sql), without their text.
    select * except (_version, _is_deleted) replace (toInt32(0) as reg_number, '' as source_notation, '' as issuer_name, '' as summary)
    from {{ this }} final
    where {{ at_changed_places('agency_id, received_date, incoming_id', 'incoming_id') }}
)

{{ changed_rows('agency_id, received_date, incoming_id') }}
{% else %}
{{ all_rows() }}
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, drafted_date)') }}
-- One row per outgoing document (văn bản đi) of the issuing agency, with local dates and the
-- drafting time in working days: wd(issued_date) − wd(drafted_date). A date outside the working-day
-- calendar leaves drafting_days null (the document still counts as issued) and is reported by
-- dq_outside_calendar; no join may drop a document.

with outgoing as (
    select
        id,
        agency_id,
        status,
        toDate32(toTimeZone(drafted_at, 'Asia/Ho_Chi_Minh')) as drafted_date,
        if(issued_at is null, null, toDate32(toTimeZone(assumeNotNull(issued_at), 'Asia/Ho_Chi_Minh'))) as issued_date,
        digitally_signed,
        doc_type
    from {{ ref('stg_eoffice__outgoing_document') }}
),

working_days as (
    select date, wd from {{ ref('int_working_days') }}
)

select
    outgoing.id as outgoing_id,
    outgoing.agency_id as agency_id,
    outgoing.status as status,
    outgoing.doc_type as doc_type,
    outgoing.drafted_date as drafted_date,
    outgoing.issued_date as issued_date,
    outgoing.digitally_signed as digitally_signed,
    if(outgoing.issued_date is null or drafted_wd.wd is null or issued_wd.wd is null,
       null, issued_wd.wd - drafted_wd.wd) as drafting_days
from outgoing
left join working_days as drafted_wd on drafted_wd.date = outgoing.drafted_date
left join working_days as issued_wd on issued_wd.date = outgoing.issued_date
settings join_use_nulls = 1

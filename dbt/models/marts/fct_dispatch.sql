{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, sent_date)') }}
-- One row per dispatch (nơi nhận) of an outgoing document, attributed to the issuing agency.

select
    dispatch.id as dispatch_id,
    dispatch.outgoing_id as outgoing_id,
    outgoing.agency_id as agency_id,
    outgoing.status as outgoing_status,
    toDate32(toTimeZone(dispatch.sent_at, 'Asia/Ho_Chi_Minh')) as sent_date,
    dispatch.channel as channel,
    dispatch.channel in ('internal', 'national_axis') as is_electronic,
    dispatch.recipient_agency_id as recipient_agency_id,
    dispatch.status as status
from {{ ref('stg_eoffice__dispatch') }} as dispatch
-- Dispatches of secret documents have no outgoing row in the warehouse and drop out here.
inner join {{ ref('fct_outgoing_document') }} as outgoing final on outgoing.outgoing_id = dispatch.outgoing_id

{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, opened_date)') }}
-- One row per work file (hồ sơ công việc) of an agency.

select
    work_file.id as work_file_id,
    work_file.agency_id as agency_id,
    toDate32(toTimeZone(work_file.opened_at, 'Asia/Ho_Chi_Minh')) as opened_date,
    work_file.electronic as electronic,
    if(work_file.closed_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.closed_at), 'Asia/Ho_Chi_Minh'))) as closed_date,
    if(work_file.archived_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.archived_at), 'Asia/Ho_Chi_Minh'))) as archived_date
from {{ ref('stg_eoffice__work_file') }} as work_file

{{ config(materialized='incremental', incremental_strategy='append', engine='ReplacingMergeTree(_version, _is_deleted)', order_by='(agency_id, opened_date, work_file_id)') }}
-- One row per work file (hồ sơ công việc) of an agency.
-- Kept incrementally as fct_incoming_document is (dbt/INCREMENTAL.md); read it with FINAL.

with

{% if is_incremental() %}
changed as (
    select id, max(_ingested_at) as ingested_at
    from {{ source('eoffice_raw', 'work_file') }}
    where _ingested_at >= ifNull((select max(_ingested_at) from {{ this }}), toDateTime64(0, 3, 'UTC')) - interval {{ var('incremental_lookback_seconds', '10') }} second
    group by id
),
{% endif %}

derived as (
    select
        work_file.id as work_file_id,
        work_file.agency_id as agency_id,
        toDate32(toTimeZone(work_file.opened_at, 'Asia/Ho_Chi_Minh')) as opened_date,
        work_file.electronic as electronic,
        if(work_file.closed_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.closed_at), 'Asia/Ho_Chi_Minh'))) as closed_date,
        if(work_file.archived_at is null, null, toDate32(toTimeZone(assumeNotNull(work_file.archived_at), 'Asia/Ho_Chi_Minh'))) as archived_date,
        work_file._ingested_at as _ingested_at
    from {{ ref('stg_eoffice__work_file') }} as work_file
    {% if is_incremental() %}
    where work_file.id in (select id from changed)
    {% endif %}
)

select *, toUInt64(toUnixTimestamp64Nano(now64(9))) as _version, toUInt8(0) as _is_deleted
from derived
{% if is_incremental() %}
union all
-- Rows this table holds for a changed work file that no derived row replaces (it holds no text).
select held.* except (_ingested_at, _version, _is_deleted),
       changed.ingested_at as _ingested_at, toUInt64(toUnixTimestamp64Nano(now64(9))) as _version, toUInt8(1) as _is_deleted
from {{ this }} as held final
inner join changed on changed.id = held.work_file_id
where held.work_file_id in (select id from changed)
  and (held.agency_id, held.opened_date, held.work_file_id) not in (select agency_id, opened_date, work_file_id from derived)
{% endif %}
-- Each row of a run replaces its key's older one at read time (FINAL); no need to do it while inserting.
settings optimize_on_insert = 0

{{ config(materialized='table', engine='MergeTree()', order_by='(agency_id, version_from)') }}
-- Every version of every agency, with the local days it held (kpi.md, Grouped views: agencies and
-- their parents are taken as of each document's date; agency history is kept, never overwritten).
-- A version holds from the day its change was committed (Asia/Ho_Chi_Minh) to the day before the
-- next one; the first version known of an agency also stands for every day before it, and the last
-- holds until further notice (version_to null). Several changes on one day: the day's last one holds.
-- An agency deleted in the source (a registration error) has no history, as it has no current row.
-- The versions come from eoffice_raw.agency_history (every change since migration 0004) and from
-- eoffice_raw.agency (the newest version, which also covers a warehouse loaded before that table
-- existed, and the direct path's snapshot copy); the same (id, _version) counts once.

with versions as (
    select id, code, name, short_name, kind, parent_id, admin_unit_code, valid_from, valid_to,
           _version, _is_deleted, _source_ts
    from {{ source('eoffice_raw', 'agency_history') }}
    union all
    select id, code, name, short_name, kind, parent_id, admin_unit_code, valid_from, valid_to,
           _version, _is_deleted, _source_ts
    from {{ source('eoffice_raw', 'agency') }}
),

daily as (
    -- The last version of each agency on each local day.
    select
        id,
        toDate32(toTimeZone(_source_ts, 'Asia/Ho_Chi_Minh')) as day,
        argMax(tuple(code, name, short_name, kind, parent_id, admin_unit_code, valid_from, valid_to, _source_ts), _version) as v
    from versions
    group by id, day
),

spans as (
    select
        id, day, v,
        row_number() over (partition by id order by day) as position,
        leadInFrame(toNullable(day)) over (partition by id order by day rows between current row and 1 following) as next_day
    from daily
)

select
    id as agency_id,
    v.1 as code,
    v.2 as name,
    v.3 as short_name,
    v.4 as kind,
    v.5 as parent_id,
    v.6 as admin_unit_code,
    v.7 as valid_from,
    v.8 as valid_to,
    if(position = 1, toDate32('1900-01-01'), day) as version_from,
    if(next_day is null, null, toDate32(assumeNotNull(next_day) - 1)) as version_to,
    v.9 as changed_at
from spans
where id not in (select id from versions group by id having argMax(_is_deleted, _version) = 1)

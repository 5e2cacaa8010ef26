-- The archive's entries, newest first, without their files: one by {id:String}, or the newest
-- {limit:UInt32} whose scope is {root:String} or below it ('' = every scope), optionally of one
-- period kind and one format ('' = any).
select *
from (
    select id,
           replaceOne(toString(generated_at), ' ', 'T') || 'Z' as generated_at,
           requested_by, requested_by_name, requested_via, period_kind, calendar,
           toString(period_from) as period_from, toString(period_to) as period_to,
           scope_code, scope_name, agency_kind, view, format, file_name, content_type, size, sha256, data_as_of, duration_ms
    from vanban_reports.archive
    where ({id:String} = '' or id = {id:String})
      and ({root:String} = ''
           or scope_code = {root:String}
           or scope_code in (
               select code from analytics.dim_agency
               where has(ancestor_ids, (select any(agency_id) from analytics.dim_agency where code = {root:String}))))
      and ({period_kind:String} = '' or period_kind = {period_kind:String})
      and ({format:String} = '' or format = {format:String})
    -- Two files stored under one id (two schedulers racing) read as the first one, always.
    order by generated_at, id
    limit 1 by id
)
order by generated_at desc, id
limit {limit:UInt32}

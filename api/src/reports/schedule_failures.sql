-- The scheduled reports failing now: the latest failure of each one the archive does not hold, with
-- how many times it failed and when the scheduler tries again, for scopes at or below {root:String}
-- ('' = every scope), newest first.
select report_id, period_kind, calendar, toString(period_from) as period_from, toString(period_to) as period_to,
       scope_code, agency_kind, view, format,
       toUInt32(failures) as failures,
       replaceOne(toString(last_at), ' ', 'T') || 'Z' as failed_at,
       replaceOne(toString(next_at), ' ', 'T') || 'Z' as next_try_at
from (
    select report_id, any(period_kind) as period_kind, any(calendar) as calendar, any(period_from) as period_from,
           any(period_to) as period_to, any(scope_code) as scope_code, any(agency_kind) as agency_kind,
           any(view) as view, any(format) as format, count() as failures, max(at) as last_at, argMax(at + toIntervalSecond(retry_after_seconds), at) as next_at
    from vanban_reports.schedule_failure
    where report_id not in (select id from vanban_reports.archive)
    group by report_id
)
where {root:String} = ''
   or scope_code = {root:String}
   or scope_code in (
       select code from analytics.dim_agency
       where has(ancestor_ids, (select any(agency_id) from analytics.dim_agency where code = {root:String})))
order by last_at desc
limit 100

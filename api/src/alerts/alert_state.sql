-- The alerts' state as their log holds it (ingest/migrations/0006_alerts.sql), in one read:
--   kind 'active':  the conditions whose last raise or clear was a raise, with that alert's id;
--   kind 'pending': the alerts raised but neither delivered nor given up, with their body and the
--                   attempts that failed so far (a restart resumes them where they stood).
select 'active' as kind, condition, argMax(alert_id, (at, event = 'cleared')) as alert_id, '' as body, toUInt16(0) as failures
from vanban_alerts.alert_log
where event in ('raised', 'cleared')
group by condition
having argMax(event, (at, event = 'cleared')) = 'raised'
union all
select 'pending', any(condition), alert_id, anyIf(detail, event = 'raised'), toUInt16(countIf(event = 'attempt_failed'))
from vanban_alerts.alert_log
group by alert_id
having countIf(event = 'raised') > 0 and countIf(event in ('delivered', 'gave_up')) = 0

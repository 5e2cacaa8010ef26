-- Each scheduled report that could not be made (api/src/reports/scheduler.ts): which one, when, what
-- went wrong (for the operator; the API and the portal say only that it failed and when it is tried
-- again) and how long until the scheduler looks again. A report the archive holds later is no longer failing.
create table if not exists vanban_reports.schedule_failure
(
    at DateTime64(3, 'UTC') default now64(3),
    report_id String,
    period_kind LowCardinality(String),
    calendar Bool,
    period_from Date32,
    period_to Date32,
    scope_code String,
    agency_kind LowCardinality(String),
    view LowCardinality(String),
    format LowCardinality(String),
    detail String,
    -- the scheduler looks again this long after `at`
    retry_after_seconds UInt32
)
engine = MergeTree
order by (report_id, at)
ttl toDateTime(at) + interval 90 day;

-- The IOC's threshold alerts (api/src/alerts): every event of every alert, appended, never updated:
-- a condition raised (an agency's overdue documents reached the threshold, or the data grew older
-- than the limit), each delivery attempt of its signed webhook, its delivery or the giving up, and
-- the condition cleared. Whether a condition is active, and which alerts still wait for delivery, is
-- read from here, so a restart neither repeats an alert nor loses one. Kept apart from the models.
create database if not exists vanban_alerts;
create table if not exists vanban_alerts.alert_log
(
    at DateTime64(3, 'UTC') default now64(3),
    alert_id String,
    -- 'overdue:<agency code>' or 'data_age': at most one alert at a time per condition
    condition String,
    kind LowCardinality(String),
    event LowCardinality(String),
    agency String,
    value Float64,
    threshold Float64,
    attempt UInt16,
    -- the webhook's body (on 'raised'), or what went wrong (on 'attempt_failed', 'gave_up')
    detail String
)
engine = MergeTree
order by (condition, at);

-- How fresh the warehouse is: the newest source commit in the raw tables (what ingest has applied),
-- the newest the models include (data_as_of), both as ages in seconds, and the latest model build.
-- Null when nothing has been ingested or built yet. The build log grows by a row per build: it is read
-- from its end, as current_build.sql reads it (data_as_of: the newest of the last 10,000 builds).
select
    (select if(count() = 0, null, toString(max(max_source_ts))) from eoffice_raw._ingest_progress) as ingest_watermark,
    (select if(count() = 0, null, (toUnixTimestamp64Milli(now64(3)) - toUnixTimestamp64Milli(max(max_source_ts))) / 1000)
     from eoffice_raw._ingest_progress) as ingest_lag_seconds,
    (select if(count(data_as_of) = 0, null, (toUnixTimestamp64Milli(now64(3)) - toUnixTimestamp64Milli(max(data_as_of))) / 1000)
     from (select data_as_of from analytics._model_builds order by built_at desc limit 10000)) as data_as_of_age_seconds,
    (select if(count() = 0, null, toString(any(built_at))) from (select built_at from analytics._model_builds order by built_at desc limit 1)) as last_build_at,
    (select if(count() = 0, null, any(seconds)) from (select seconds from analytics._model_builds order by built_at desc limit 1)) as last_build_seconds

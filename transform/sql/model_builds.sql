-- One row per successful model build: which models were rebuilt and the ingest watermark they
-- include. data_as_of (ioc-api.md) is the latest build's watermark, so the API never claims data
-- the models do not hold yet.
create table if not exists analytics._model_builds
(
    built_at DateTime64(3, 'UTC') default now64(3),
    data_as_of Nullable(DateTime64(3, 'UTC')) comment 'source commit time of the newest change ingested before the build began',
    models Array(String),
    seconds Float64
)
engine = MergeTree
order by built_at;

-- One row per successful model build: which models were rebuilt and the ingest watermark they
-- include. data_as_of (ioc-api.md) is the latest watermark a build vouched for, so the API never
-- claims data the models do not hold yet (null: this build claims nothing new). `published` maps
-- each model read together with others (build.ts versionedModels) to the version readers use: the
-- latest row (by build_id) is the current publication, all of it at once.
create table if not exists analytics._model_builds
(
    built_at DateTime64(3, 'UTC') default now64(3),
    data_as_of Nullable(DateTime64(3, 'UTC')) comment 'source commit time of the newest change ingested before the build began',
    models Array(String),
    seconds Float64
)
engine = MergeTree
order by built_at;

alter table analytics._model_builds add column if not exists build_id UInt64 default 0;

alter table analytics._model_builds add column if not exists published Map(String, String);

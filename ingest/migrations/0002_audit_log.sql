-- Every read of person-level data (named staff in open and overdue lists) and every export: who,
-- when, what. Kept apart from the models, which are rebuilt; never truncated by the product. Created
-- here, by the ingest side's migrations, because the API's ClickHouse user may only insert into it.
create database if not exists vanban_audit;
create table if not exists vanban_audit.access_log
(
    at DateTime64(3, 'UTC') default now64(3),
    request_id String,
    principal_kind LowCardinality(String),
    principal_id String,
    action LowCardinality(String),
    agency String,
    query String,
    records UInt32
)
engine = MergeTree
order by at;

-- Every report file the product generated (on demand from the portal or the API, on schedule after
-- each period's cut-off, or by an operator's `npm run report`), with its parameters, who asked, when,
-- and its SHA-256; the file itself is kept base64-encoded so it is downloaded again byte for byte.
-- Kept apart from the models, which are rebuilt; never truncated by the product. A listing reads
-- only the small columns (ClickHouse is columnar), never the files.
create database if not exists vanban_reports;
create table if not exists vanban_reports.archive
(
    id String,
    generated_at DateTime64(3, 'UTC'),
    requested_by String,
    requested_via LowCardinality(String),
    period_kind LowCardinality(String),
    calendar Bool,
    period_from Date32,
    period_to Date32,
    scope_code String,
    scope_name String,
    agency_kind LowCardinality(String),
    view LowCardinality(String),
    format LowCardinality(String),
    file_name String,
    content_type String,
    size UInt32,
    sha256 String,
    data_as_of Nullable(String),
    duration_ms UInt32,
    content_base64 String codec(ZSTD(3))
)
engine = MergeTree
order by id;

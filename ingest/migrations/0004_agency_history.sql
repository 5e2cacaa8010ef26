-- Every version of every agency row, never merged away (kpi.md, Grouped views: "agency history is
-- kept, never overwritten"). eoffice_raw.agency keeps only the newest version of each agency; the
-- source updates its rows in place, so a rename or a move to another parent survives only here. The
-- ingest writes each agency change to both tables in the same batch (a batch replayed after a crash
-- writes both again). A replayed or duplicated event has the same (id, _version) and collapses into
-- one row. Read through analytics.dim_agency_history, which also takes the versions of
-- eoffice_raw.agency, so a warehouse created before this table still has every agency.
create table if not exists eoffice_raw.agency_history
(
    id Int64,
    code String,
    name String,
    short_name String,
    kind String,
    parent_id Nullable(Int64),
    admin_unit_code Nullable(String),
    valid_from Date32,
    valid_to Nullable(Date32),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree
order by (id, _version);

-- Raw CDC tables: one per source table, holding every version of every row as Debezium delivered it.
-- ReplacingMergeTree(_version, _is_deleted) keeps, per id, the row with the highest source LSN, and
-- FINAL hides rows whose newest version is a delete. A replayed or duplicated event carries the same
-- LSN and changes nothing, and an older event arriving late loses to the newer one already stored.
-- Never edit this file once it has landed: add a new numbered migration.

create database if not exists eoffice_raw;

create table if not exists eoffice_raw.agency
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
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.agency_succession
(
    id Int64,
    predecessor_id Int64,
    successor_id Int64,
    effective_date Date32,
    is_primary Bool,
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.org_unit
(
    id Int64,
    agency_id Int64,
    name String,
    parent_unit_id Nullable(Int64),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.staff
(
    id Int64,
    agency_id Int64,
    unit_id Nullable(Int64),
    full_name String,
    position String,
    role String,
    active Bool,
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.incoming_document
(
    id Int64,
    agency_id Int64,
    reg_number Int32,
    received_at DateTime64(6, 'UTC'),
    source_notation String,
    doc_type String,
    issuer_code Nullable(String),
    issuer_name String,
    issued_date Date32,
    summary String,
    urgency String,
    secrecy String,
    channel String,
    due_date Nullable(Date32),
    status String,
    handled_on_system Bool,
    completed_at Nullable(DateTime64(6, 'UTC')),
    from_dispatch_id Nullable(Int64),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.outgoing_document
(
    id Int64,
    agency_id Int64,
    number Nullable(Int32),
    notation String,
    doc_type String,
    summary String,
    drafting_unit_id Int64,
    drafter_id Int64,
    signer_id Int64,
    drafted_at DateTime64(6, 'UTC'),
    signed_at Nullable(DateTime64(6, 'UTC')),
    issued_at Nullable(DateTime64(6, 'UTC')),
    digitally_signed Bool,
    urgency String,
    secrecy String,
    status String,
    replies_to_id Nullable(Int64),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.dispatch
(
    id Int64,
    outgoing_id Int64,
    recipient_agency_id Nullable(Int64),
    recipient_code String,
    recipient_name String,
    channel String,
    sent_at DateTime64(6, 'UTC'),
    status String,
    status_at DateTime64(6, 'UTC'),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.assignment
(
    id Int64,
    incoming_id Int64,
    assigned_by Int64,
    assignee_unit_id Nullable(Int64),
    assignee_staff_id Nullable(Int64),
    role String,
    assigned_at DateTime64(6, 'UTC'),
    due_date Nullable(Date32),
    status String,
    completed_at Nullable(DateTime64(6, 'UTC')),
    parent_id Nullable(Int64),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.deadline_extension
(
    id Int64,
    incoming_id Int64,
    previous_due Date32,
    new_due Date32,
    approved_by Int64,
    approved_at DateTime64(6, 'UTC'),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.processing_log
(
    id Int64,
    incoming_id Nullable(Int64),
    outgoing_id Nullable(Int64),
    actor_id Int64,
    action String,
    at DateTime64(6, 'UTC'),
    note Nullable(String),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.work_file
(
    id Int64,
    agency_id Int64,
    code String,
    title String,
    owner_id Int64,
    opened_at DateTime64(6, 'UTC'),
    closed_at Nullable(DateTime64(6, 'UTC')),
    retention_years Nullable(Int32),
    electronic Bool,
    archived_at Nullable(DateTime64(6, 'UTC')),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

create table if not exists eoffice_raw.work_file_item
(
    id Int64,
    work_file_id Int64,
    incoming_id Nullable(Int64),
    outgoing_id Nullable(Int64),
    created_at DateTime64(6, 'UTC'),
    updated_at DateTime64(6, 'UTC'),
    _version UInt64 comment 'source LSN of the change',
    _is_deleted UInt8 comment '1 when this version is a delete',
    _op LowCardinality(String) comment 'Debezium op: c, u, d, r',
    _tx_id UInt64 comment 'source transaction id',
    _source_ts DateTime64(3, 'UTC') comment 'source commit time',
    _ingested_at DateTime64(3, 'UTC') default now64(3)
)
engine = ReplacingMergeTree(_version, _is_deleted)
order by id;

-- Events that could not be decoded. The payload is kept as received so someone can fix and replay it,
-- except when it looks like a secret document's, in which case only the reason is kept.
create table if not exists eoffice_raw._dead_letter
(
    received_at DateTime64(3, 'UTC') default now64(3),
    source LowCardinality(String) comment 'where the event came from: topic, file or simulator',
    position String comment 'offset, LSN or line number in that source',
    reason String,
    payload String
)
engine = MergeTree
order by received_at;

-- Rows of documents whose secrecy is not 'none' that reached the ingest and were dropped there:
-- a count per agency and day, never a field of the document.
create table if not exists eoffice_raw._secret_dropped
(
    source_table LowCardinality(String),
    agency_id Int64,
    day Date32,
    position String comment 'LSN of the dropped change, so a replay is not counted twice'
)
engine = ReplacingMergeTree
order by (source_table, agency_id, day, position);

-- One row per applied batch: how far the warehouse has read each source and the commit time of the
-- newest change applied (data_as_of).
create table if not exists eoffice_raw._ingest_progress
(
    source LowCardinality(String),
    batch_id String,
    max_lsn UInt64,
    max_source_ts DateTime64(3, 'UTC'),
    events UInt64,
    applied_at DateTime64(3, 'UTC') default now64(3)
)
engine = MergeTree
order by (source, applied_at);

-- Where the model facts of a document that turned secret stood before ingest purged them
-- (ingest/src/writers/document-facts.ts): the fact table and the date that keys its rows, per agency,
-- never the document itself. int_agency_cohort_daily re-derives those cohorts on its next run, so the
-- document stops counting the moment its facts are gone. _version is when the purge happened, in
-- nanoseconds, comparable with the models' own _version.
create table if not exists eoffice_raw._purged_facts
(
    fact LowCardinality(String),
    agency_id Int64,
    day Date32,
    _version UInt64
)
engine = MergeTree
order by (_version)
ttl toDateTime(intDiv(_version, 1000000000)) + interval 7 day;

-- Every version of every agency row, never merged away (kpi.md, Grouped views: "agency history is
-- kept, never overwritten"). eoffice_raw.agency keeps only the newest version of each agency; the
-- source updates its rows in place, so a rename or a move to another parent survives only here. The
-- ingest writes each agency change to both tables in the same batch, with the same column list, so
-- this table is made as a copy of eoffice_raw.agency's columns (a batch replayed after a crash
-- writes both again). A replayed or duplicated event has the same (id, _version) and collapses into
-- one row. Read through analytics.dim_agency_history, which also takes the versions of
-- eoffice_raw.agency, so a warehouse created before this table still has every agency.
create table if not exists eoffice_raw.agency_history as eoffice_raw.agency
engine = ReplacingMergeTree
order by (id, _version);

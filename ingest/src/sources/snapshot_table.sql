-- Initial copy of one source table, read by ClickHouse straight from PostgreSQL (no row passes
-- through Node). Every row gets the replication slot's position as its version: a change after that
-- position streams in later with a higher LSN and wins. The secrecy filter is pushed down to
-- PostgreSQL, so secret documents are not even read. The table, column list and filter come from the
-- source contract (ingest/src/source-tables.ts), never from user input; the rest are parameters.
insert into eoffice_raw.{table} ({columns}, _version, _is_deleted, _op, _tx_id, _source_ts)
select {columns}, {version:UInt64}, 0, 'r', 0, now64(3)
from postgresql({address:String}, {database:String}, {source_table:String}, {user:String}, {password:String}, 'eoffice')
{filter}

-- How many stored versions of a child table point at the given documents: the purge that would
-- rewrite the table's parts runs only when there is something to remove. {table} and {column} come
-- from the source contract (source-tables.ts documentChildren), never from input.
select count() as n from eoffice_raw.{table} where {column} in {ids:Array(Int64)}

-- The condition of the initial copy of a child table (snapshot_table.sql): a row is copied only if
-- the document it points at is not secret, read from PostgreSQL in the same way. No child of a
-- secret document is written; a document that turns secret during the copy arrives afterwards,
-- behind the row filter, as a delete, and the ingest then purges its children. {column} and
-- {document} come from the source contract (source-tables.ts documentChildren).
({column} is null or {column} in (
  select id from postgresql({address:String}, {database:String}, '{document}', {user:String}, {password:String}, 'eoffice')
  where secrecy = 'none'))

-- The role Debezium and the direct ingest connect as: it may replicate and read schema eoffice,
-- nothing else (the warehouse never writes to the source). Run by the source's DBA, once:
--   psql -v password="'…'" -f infra/postgres/cdc-role.sql
-- The source also needs wal_level = logical (postgresql.conf; restart) and the publication of
-- eoffice-schema.sql.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'vanban_cdc') then
    create role vanban_cdc with login replication;
  end if;
end $$;
alter role vanban_cdc with password :password;
grant usage on schema eoffice to vanban_cdc;
grant select on all tables in schema eoffice to vanban_cdc;
alter default privileges in schema eoffice grant select on tables to vanban_cdc;

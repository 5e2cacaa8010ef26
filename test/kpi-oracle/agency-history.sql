-- The oracle's own record of agency history. The source keeps one row per agency, updated in place;
-- kpi.md asks for parents as of each document's date. The e-office application stamps every change
-- with updated_at, so a trigger on the source table keeps each version with the local day of that
-- stamp, independently of the change stream the warehouse reads. Agencies already there when the
-- oracle is installed get their current row as their first version.
create table if not exists oracle.agency_version (
  seq       bigserial primary key,
  id        bigint not null,
  parent_id bigint null,
  kind      text not null,
  day       date not null
);

insert into oracle.agency_version (id, parent_id, kind, day)
select a.id, a.parent_id, a.kind, (a.updated_at at time zone 'Asia/Ho_Chi_Minh')::date
from eoffice.agency a
where not exists (select 1 from oracle.agency_version v where v.id = a.id)
order by a.id;

create or replace function oracle.record_agency_version() returns trigger language plpgsql as $$
begin
  insert into oracle.agency_version (id, parent_id, kind, day)
  values (new.id, new.parent_id, new.kind, (new.updated_at at time zone 'Asia/Ho_Chi_Minh')::date);
  return null;
end $$;

drop trigger if exists oracle_agency_version on eoffice.agency;
create trigger oracle_agency_version after insert or update on eoffice.agency
  for each row execute function oracle.record_agency_version();

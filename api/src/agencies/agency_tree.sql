-- The agencies that exist on {date:Date32}, with their parent, their place in the tree and the 2025
-- reorganisations around them: the agencies they were formed from (predecessors) and the ones they
-- were merged into (successors). Which ended agencies' documents count for them in as_is (absorbed)
-- depends on today, so tree.ts adds it from the structure (structure.ts). Codes, not internal ids,
-- are what callers know. Names, kinds and parents are the ones of that date (dim_agency_history: a
-- commune renamed or moved later appears as it was); codes, validity and the reorganisations are the
-- agency's own.
with
    (select mapFromArrays(groupArray(agency_id), groupArray(code)) from analytics.dim_agency) as codes
select
    agency.agency_id as agency_key,
    agency.code as code,
    version.name as name,
    version.short_name as short_name,
    version.kind as kind,
    version.admin_unit_code as admin_unit_code,
    if(version.parent_id is null, null, codes[assumeNotNull(version.parent_id)]) as parent_code,
    toString(agency.valid_from) as valid_from,
    if(agency.valid_to is null, null, toString(agency.valid_to)) as valid_to,
    arrayMap(id -> codes[id], agency.predecessor_ids) as predecessors,
    arrayMap(id -> codes[id], agency.successor_ids) as successors
from analytics.dim_agency as agency
-- Exactly one version per agency and date: dim_agency_history's versions follow each other without
-- a gap from 1900-01-01 and the last one has no end.
join (
    select agency_id, name, short_name, kind, admin_unit_code, parent_id
    from analytics.dim_agency_history
    where version_from <= {date:Date32} and (version_to is null or version_to >= {date:Date32})
) as version on version.agency_id = agency.agency_id
where agency.valid_from <= {date:Date32} and (agency.valid_to is null or agency.valid_to >= {date:Date32})
order by agency.code

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
    if(version.agency_id = 0, agency.name, version.name) as name,
    if(version.agency_id = 0, agency.short_name, version.short_name) as short_name,
    if(version.agency_id = 0, agency.kind, version.kind) as kind,
    if(version.agency_id = 0, agency.admin_unit_code, version.admin_unit_code) as admin_unit_code,
    if(version.agency_id = 0, agency.parent_id, version.parent_id) as parent_then,
    if(parent_then is null, null, codes[assumeNotNull(parent_then)]) as parent_code,
    toString(agency.valid_from) as valid_from,
    if(agency.valid_to is null, null, toString(agency.valid_to)) as valid_to,
    arrayMap(id -> codes[id], agency.predecessor_ids) as predecessors,
    arrayMap(id -> codes[id], agency.successor_ids) as successors
from analytics.dim_agency as agency
left join (
    select agency_id, name, short_name, kind, admin_unit_code, parent_id
    from analytics.dim_agency_history
    where version_from <= {date:Date32} and (version_to is null or version_to >= {date:Date32})
) as version on version.agency_id = agency.agency_id
where agency.valid_from <= {date:Date32} and (agency.valid_to is null or agency.valid_to >= {date:Date32})
order by agency.code

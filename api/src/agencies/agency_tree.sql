-- The agencies that exist on {date:Date32}, with their parent, their place in the tree and the 2025
-- reorganisations around them: the agencies they were formed from (predecessors) and the ones they
-- were merged into (successors). Which ended agencies' documents count for them in as_is (absorbed)
-- depends on today, so tree.ts adds it from the structure (structure.ts). Codes, not internal ids,
-- are what callers know.
with
    (select mapFromArrays(groupArray(agency_id), groupArray(code)) from analytics.dim_agency) as codes
select
    agency.agency_id as agency_key,
    agency.code as code,
    agency.name as name,
    agency.short_name as short_name,
    agency.kind as kind,
    agency.admin_unit_code as admin_unit_code,
    if(agency.parent_id is null, null, codes[assumeNotNull(agency.parent_id)]) as parent_code,
    toString(agency.valid_from) as valid_from,
    if(agency.valid_to is null, null, toString(agency.valid_to)) as valid_to,
    arrayMap(id -> codes[id], agency.predecessor_ids) as predecessors,
    arrayMap(id -> codes[id], agency.successor_ids) as successors
from analytics.dim_agency as agency
where agency.valid_from <= {date:Date32} and (agency.valid_to is null or agency.valid_to >= {date:Date32})
order by agency.code

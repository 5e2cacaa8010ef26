-- The agency asked for and the agencies of its scope: itself (self) or itself and every agency
-- below it through parent_id (subtree). In as_is the same set is matched against current_agency_id.
-- No row when the code is unknown.
select
    agency_id,
    code,
    name,
    kind,
    is_ended,
    (
        select groupArray(agency_id)
        from analytics.dim_agency
        where if(
            {subtree:Bool},
            has(ancestor_ids, (select any(agency_id) from analytics.dim_agency where code = {code:String})),
            code = {code:String}
        )
    ) as scope_agency_ids
from analytics.dim_agency
where code = {code:String}

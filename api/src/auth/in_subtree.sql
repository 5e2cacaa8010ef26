-- Whether agency {code} is {root} itself or below it through parent_id; no row when {code} is unknown.
select has(ancestor_ids, (select any(agency_id) from analytics.dim_agency where code = {root:String})) as inside
from analytics.dim_agency
where code = {code:String}

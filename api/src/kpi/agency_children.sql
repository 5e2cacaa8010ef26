-- The children of an agency for a breakdown: the agencies directly under it (parent_id) that existed
-- on at least one day of P (as_was), or that exist today (as_is, where documents count for the
-- current agencies). Each child is then summarised over its own subtree.
select code, name, kind, is_ended
from analytics.dim_agency
where parent_id = (select any(agency_id) from analytics.dim_agency where code = {code:String})
  and if({as_is:Bool},
         valid_to is null,
         valid_from <= {to:Date32} and (valid_to is null or valid_to >= {from:Date32}))
order by code

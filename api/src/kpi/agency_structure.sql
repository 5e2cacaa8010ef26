-- Every agency with what the grouped views (breakdown children, levels, reports) need to place it:
-- kind, parent (today's parent_id), validity, whether it has ended and the current agency its
-- documents count for in as_is. A few hundred rows; grouped.ts walks the parents itself, so a
-- level row ("the nearest department, district or commune above") does not depend on how deep
-- the ancestor arrays reach.
select agency_id, code, name, kind, parent_id, toString(valid_from) as valid_from,
       if(valid_to is null, '', toString(valid_to)) as valid_to, is_ended, current_agency_id
from analytics.dim_agency
order by agency_id

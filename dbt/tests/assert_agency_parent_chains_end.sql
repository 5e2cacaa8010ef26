-- int_agency_ancestors walks parent_id at most 64 steps: a chain that deep is a cycle in the
-- source, and its agencies' subtrees would be wrong. Names the agencies caught in it.
select agency_id, depth
from {{ ref('int_agency_ancestors') }}
where depth >= 64

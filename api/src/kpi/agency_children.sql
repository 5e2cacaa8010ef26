-- The children of an agency for a breakdown, each with the agencies of its subtree: the agencies
-- directly under it (parent_id) that existed on at least one day of P (as_was), or that exist today
-- (as_is, where documents count for the current agencies). The subtrees are disjoint, so one
-- grouped KPI query answers for all children at once.
with children as (
    select agency_id, code, name, kind, is_ended
    from analytics.dim_agency
    where parent_id = (select any(agency_id) from analytics.dim_agency where code = {code:String})
      and if({as_is:Bool},
             valid_to is null,
             valid_from <= {to:Date32} and (valid_to is null or valid_to >= {from:Date32}))
),
memberships as (
    select agency_id as member_id, arrayJoin(ancestor_ids) as ancestor_id
    from analytics.dim_agency
)
select children.code as code, children.name as name, children.kind as kind, children.is_ended as is_ended,
       groupArray(memberships.member_id) as member_ids
from children
inner join memberships on memberships.ancestor_id = children.agency_id
group by children.code, children.name, children.kind, children.is_ended
order by code

-- The rows of a breakdown, each with the agencies of its subtree: the agencies directly under the
-- given one (parent_id) or, with {kind:String} set, every agency of that kind anywhere below it
-- (all communes of the city, say, for a ranking); those that existed on at least one day of P
-- (as_was), or that exist today (as_is, where documents count for the current agencies). Subtrees
-- of the rows are disjoint, so one grouped KPI query answers for all of them at once.
with
    (select any(agency_id) from analytics.dim_agency where code = {code:String}) as parent,
children as (
    select agency_id, code, name, kind, is_ended
    from analytics.dim_agency
    where if({kind:String} = '', parent_id = parent, kind = {kind:String} and has(ancestor_ids, parent) and agency_id != parent)
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

-- Every agency with what the API needs to place it on a given day: kind, parent, the ancestors
-- above it at any depth (the city above all), validity, and its primary successor with the date that
-- succession takes effect. A few hundred rows, read once per warehouse build (structure.ts), so that
-- `ended` and view as_is are judged against today at query time rather than at build time.
select
    agency_id,
    code,
    name,
    kind,
    parent_id,
    ancestor_ids,
    toString(valid_from) as valid_from,
    if(valid_to is null, '', toString(valid_to)) as valid_to,
    primary_successor_id,
    if(succession_effective_date is null, '', toString(succession_effective_date)) as succession_effective_date
from analytics.dim_agency
order by agency_id

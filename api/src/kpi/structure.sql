-- Every agency with what the API needs to place it on a given day: kind, parent, the ancestors
-- above it at any depth (the city above all), validity, and its primary successor with the date that
-- succession takes effect. A few hundred rows, read once per warehouse build (structure.ts), so that
-- `ended` and view as_is are judged against today at query time rather than at build time.
-- `versions` are the agency's versions from dim_agency_history, oldest first: the first day each
-- held (the first from 1900-01-01), with its parent, kind and name, so that as_was can place a
-- document in the structure of its own day (kpi.md, Grouped views).
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
    if(succession_effective_date is null, '', toString(succession_effective_date)) as succession_effective_date,
    history.versions as versions
from analytics.dim_agency
left join (
    select agency_id, arraySort(version -> version.1, groupArray((toString(version_from), parent_id, kind, name))) as versions
    from analytics.dim_agency_history
    group by agency_id
) as history on history.agency_id = dim_agency.agency_id
order by agency_id

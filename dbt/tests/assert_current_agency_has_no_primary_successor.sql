-- as_is follows succession chains to the end: no agency may map to one that was itself succeeded.
select agency_id
from {{ ref('dim_agency') }}
where current_agency_id in (
    select predecessor_id from {{ ref('stg_eoffice__agency_succession') }} where is_primary
)

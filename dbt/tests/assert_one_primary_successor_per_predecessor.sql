-- Exactly one primary row per predecessor (source contract, agency_succession).
select predecessor_id
from {{ ref('stg_eoffice__agency_succession') }}
group by predecessor_id
having countIf(is_primary) != 1

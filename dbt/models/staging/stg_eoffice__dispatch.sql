-- Current state of eoffice.dispatch: FINAL keeps the newest version of each row and hides deleted ones.
select * except (_version, _is_deleted, _op, _tx_id, _ingested_at)
from {{ source('eoffice_raw', 'dispatch') }} final

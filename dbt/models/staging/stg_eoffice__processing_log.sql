-- Current state of eoffice.processing_log: FINAL keeps the newest version of each row and hides deleted ones;
-- _ingested_at says when that version arrived (incremental models take what arrived since their last run).
select * except (_version, _is_deleted, _op, _tx_id)
from {{ source('eoffice_raw', 'processing_log') }} final

-- Each fact holds one current row per id, read as its readers read it (FINAL): an incremental fact
-- keeps superseded and retired rows until ClickHouse merges them, so a plain `unique` test would
-- count those.
select 'fct_incoming_document' as fact, incoming_id as id from {{ ref('fct_incoming_document') }} final group by incoming_id having count() > 1
union all
select 'fct_incoming_assignment', assignment_id from {{ ref('fct_incoming_assignment') }} final group by assignment_id having count() > 1
union all
select 'fct_outgoing_document', outgoing_id from {{ ref('fct_outgoing_document') }} final group by outgoing_id having count() > 1
union all
select 'fct_dispatch', dispatch_id from {{ ref('fct_dispatch') }} final group by dispatch_id having count() > 1
union all
select 'fct_work_file', work_file_id from {{ ref('fct_work_file') }} final group by work_file_id having count() > 1

-- The dead letters already kept for some events, each named by its source and position (the
-- arrays, position by position): a batch delivered again writes only those it does not find. The
-- table is ordered by arrival and small (events no one could decode), so this is a scan of it.
select source, position, reason
from eoffice_raw._dead_letter
where (source, position) in (select arrayJoin(arrayZip({sources:Array(String)}, {positions:Array(String)})))

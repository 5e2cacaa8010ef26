-- The rows of agg_agency_daily that kpi_period.sql adds up over the period P for one agency, as
-- stored, for the API to add up itself (period-rows.ts): one agency's period is a dozen rows, and
-- ClickHouse's planning of the sums costs more than the sums (measured at scale 1, one agency's
-- year: 9.0 ms for kpi_period.sql, 5.6 ms for this read). Read without FINAL, which cost another
-- 0.7 ms at p50 and 2 ms at p95: every version of each row comes back, and period-rows.ts keeps the
-- one FINAL would keep. The filter is on the sorting key alone, so it keeps or drops every version
-- of a key together, as it would after FINAL. The rows are kpi_period.sql's, by the same keys; in
-- PREWHERE, since leaving ClickHouse to move the condition there cost 0.3–0.4 ms of analysis.
-- Parameters: {keys:Array(Tuple(String, Date32))} as in kpi_period.sql (periods.ts periodKeys);
-- {agency:Int64}: the one agency read.
select grain, day, _version, _is_deleted, counts, histogram_keys, histogram_counts, online_agencies, open_stock, open_changes
from analytics.agg_agency_daily
prewhere agency_id = {agency:Int64} and (grain, day) in {keys:Array(Tuple(String, Date32))}

-- The rows of agg_agency_daily that kpi_period.sql adds up over the period P for one agency, as
-- stored, for the API to add up itself (period-rows.ts): one agency's period is a dozen rows, and
-- ClickHouse's planning of the sums costs more than the sums (measured at scale 1, one agency's
-- year: 9.0 ms for kpi_period.sql, 5.6 ms for this read). Read without FINAL, which cost another
-- 0.7 ms at p50 and 2 ms at p95: every version of each row comes back, and period-rows.ts keeps the
-- one FINAL would keep. The filter is on the sorting key alone, so it keeps or drops every version
-- of a key together, as it would after FINAL.
-- The condition is a plain range of the sorting key, not kpi_period.sql's: planning grows with each
-- function of it (measured at scale 0.1, one agency's year: 7.1 → 5.2 ms p50 without the OR, the
-- negation and the implicit move to PREWHERE). It reads every row kpi_period.sql adds up, and for a
-- period with days at its edges also those it leaves out (the days inside its whole months, the
-- month rows of its edge months), which period-rows.ts drops by kpi_period.sql's condition. For a
-- period of whole months it reads the month rows only.
-- Parameters: {from:Date32} {to:Date32}: the period P; {agency:Int64}: the one agency read;
-- {grains:Array(String)}: 'month' when P holds a whole calendar month, 'day' when it holds a day
-- outside them (periods.ts wholeMonthsOf).
select grain, day, _version, _is_deleted, counts, histogram_keys, histogram_counts, online_agencies, open_stock, open_changes
from analytics.agg_agency_daily
prewhere grain in {grains:Array(String)} and agency_id = {agency:Int64} and day between {from:Date32} and {to:Date32}

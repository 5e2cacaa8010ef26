-- The rows of agg_agency_daily that kpi_period.sql adds up over the period P for one agency, as
-- stored, for the API to add up itself (period-rows.ts): one agency's period is a dozen rows, and
-- ClickHouse's planning of the sums costs more than the sums (measured at scale 1, one agency's
-- year: 9.0 ms for kpi_period.sql, 5.6 ms for this read). Read without FINAL, which cost another
-- 0.7 ms at p50 and 2 ms at p95: every version of each row comes back, and period-rows.ts keeps the
-- one FINAL would keep. The filter is on the sorting key alone, so it keeps or drops every version
-- of a key together, as it would after FINAL. In PREWHERE: left to ClickHouse to move there, the
-- move's analysis cost 0.3–0.4 ms.
-- The rows are those of kpi_period.sql, by the same condition: keep the two in step. A period of
-- whole calendar months is read by kpi_period_months.sql instead, without the condition's
-- branches, whose planning costs more than a millisecond.
-- Parameters: {from:Date32} {to:Date32} {months_from:Date32} {months_until:Date32} as in
-- kpi_period.sql; {agency:Int64}: the one agency read.
select grain, day, _version, _is_deleted, counts, histogram_keys, histogram_counts, online_agencies, open_stock, open_changes
from analytics.agg_agency_daily
prewhere ((grain = 'month' and day >= {months_from:Date32} and day < {months_until:Date32})
    or (grain = 'day' and day between {from:Date32} and {to:Date32} and not (day >= {months_from:Date32} and day < {months_until:Date32})))
  and agency_id = {agency:Int64}

-- kpi_period_rows.sql for a period P of whole calendar months (a month, a quarter, a year): the
-- rows kpi_period.sql adds up are then its month rows alone, one plain range of the sorting key.
-- Planning grows with each function of a condition: without kpi_period_rows.sql's OR and negation
-- one agency's year reads in 4.9 instead of 5.9 ms (scale 0.1, p50, the API's client, the rows
-- added up). The rows are read as stored, every version of each, as by kpi_period_rows.sql.
-- Parameters: {months_from:Date32} {months_until:Date32}: P's months, [from, until), first days of
-- months (periods.ts wholeMonthsOf); {agency:Int64}: the one agency read.
select grain, day, _version, _is_deleted, counts, histogram_keys, histogram_counts, online_agencies, open_stock, open_changes
from analytics.agg_agency_daily
prewhere grain = 'month' and agency_id = {agency:Int64} and day >= {months_from:Date32} and day < {months_until:Date32}

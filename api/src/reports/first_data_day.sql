-- The warehouse's first day with data: the city's first day in agg_city_daily (every document of
-- every agency adds to it), or null while the warehouse holds none. Reports of periods that end
-- before it are refused (api/src/reports/report.ts).
select if(count() = 0, null, toString(min(day))) as first
from analytics.agg_city_daily
where grain = 'day'

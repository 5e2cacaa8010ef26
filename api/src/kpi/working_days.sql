-- wd(D) of kpi.md (Working days) for every date of the warehouse's calendar (int_working_days:
-- the working days in [2000-01-01, D]), read once per model build by working-days.ts.
select toString(date) as date, wd
from analytics.int_working_days
order by date

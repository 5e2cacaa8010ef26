-- wd(D) of kpi.md (Working days) for every date of the warehouse's calendar (int_working_days: every
-- date of its range, with the working days in [first date, D]), read once per model build by
-- working-days.ts: one row, the first date and wd of each date from it in order (an array parses at
-- once; 13,149 rows of JSON held the event loop 20–30 ms at each build, 1–3 ms as one array).
select toString(min(date)) as first, groupArray(wd) as wd
from (select date, wd from analytics.int_working_days order by date)

-- working_days of kpi.md (Comparisons): the working days in P = wd(to) − wd(from − 1), from the
-- warehouse's calendar (int_working_days: wd(D) counts the working days in [2000-01-01, D]; the day
-- before 2000-01-01 is not in it and counts 0). Periods are validated to lie inside the calendar.
select toInt64(maxIf(wd, date = {to:Date32}) - maxIf(wd, date = {from:Date32} - 1)) as working_days
from analytics.int_working_days
where date in ({from:Date32} - 1, {to:Date32})

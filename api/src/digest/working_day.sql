-- Whether {day} is a working day of the warehouse's calendar (weekends, holidays and make-up days of
-- shared/data and any operator file; int_working_days), and the working day before it.
select
    (select any(is_working_day) from analytics.int_working_days where date = {day:Date32}) as is_working_day,
    (select toString(max(date)) from analytics.int_working_days where date < {day:Date32} and is_working_day) as previous_working_day

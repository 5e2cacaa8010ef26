-- agg_city_daily is every agency's rows of agg_agency_daily added up: a row here is a day or month
-- where they differ (a summary of the city would then disagree with the sum of its agencies).
select grain, day, agencies.figures as agencies_figures, city.figures as city_figures
from (
    select grain, day,
           (sum(received), sum(completed), sum(completed_on_time), sum(open_change), sum(overdue_change), sum(issued),
            sum(dispatches), sum(work_files_opened), sum(arraySum(processing_days_counts)), sum(arraySum(cohort_completed_counts)),
            toUInt64(length(groupUniqArrayArray(online_agencies)))) as figures
    from {{ ref('agg_agency_daily') }} final
    group by grain, day
) as agencies
full outer join (
    select grain, day,
           (received, completed, completed_on_time, open_change, overdue_change, issued,
            dispatches, work_files_opened, arraySum(processing_days_counts), arraySum(cohort_completed_counts),
            toUInt64(length(online_agencies))) as figures
    from {{ ref('agg_city_daily') }} final
) as city using (grain, day)
where agencies.figures != city.figures

-- agg_city_daily is every agency's rows of agg_agency_daily added up, position by position and
-- histogram key by key: a row here is a day or month of one side that the other does not have as it
-- is (a summary of the city would then disagree with the sum of its agencies).
with
    added_up as (
        select grain, day, sumForEach(counts) as counts, sumForEach(open_changes) as open_changes,
               sumMap(histogram_keys, histogram_counts) as histograms,
               arraySort(groupUniqArrayArray(online_agencies)) as online_agencies
        from {{ ref('agg_agency_daily') }} final
        group by grain, day
    ),
    city as (
        select grain, day, counts, open_changes, (histogram_keys, histogram_counts) as histograms, online_agencies
        from {{ ref('agg_city_daily') }} final
    )
select 'agencies' as side, * from (select * from added_up except select * from city)
union all
select 'city', * from (select * from city except select * from added_up)

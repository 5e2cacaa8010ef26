-- agg_city_daily is every agency's rows of agg_agency_daily added up, column by column: a row here
-- is a day or month of one side that the other does not have as it is (a summary of the city would
-- then disagree with the sum of its agencies).
with
    agencies as (
        select grain, day, {{ summed_counts() }}, {{ summed_histograms() }},
               arraySort(groupUniqArrayArray(online_agencies)) as online_agencies
        from {{ ref('agg_agency_daily') }} final
        group by grain, day
    ),
    added_up as (
        select grain, day, {{ stored_figures() }}, online_agencies from agencies
    ),
    city as (
        -- The table's columns in the same order: the stored figures, then online_agencies.
        select grain, day, * except (grain, agency_id, day, _ingested_at, _content, _version, _is_deleted)
        from {{ ref('agg_city_daily') }} final
    )
select 'agencies' as side, * from (select * from added_up except select * from city)
union all
select 'city', * from (select * from city except select * from added_up)

{#- The figures of kpi.md as int_agency_cohort_daily stores them, in this order, from its `figures`
    CTE (histograms as sumMap's (values, documents), split in two columns: ClickHouse stores sorted
    arrays, and the readers add them up with sumMap again). -#}
{% macro stored_figures() %}
received, returned, online, interconnected, completed, completed_on_time, completed_late, completed_no_deadline, processing_days_sum,
processing_days_histogram.1 as processing_days_keys, processing_days_histogram.2 as processing_days_counts,
open_change, overdue_change, due_soon_change, overdue_over_5_change, overdue_over_10_change, overdue_over_20_change,
cohort_completed_histogram.1 as cohort_completed_keys, cohort_completed_histogram.2 as cohort_completed_counts,
issued, digitally_signed,
drafting_days_histogram.1 as drafting_days_keys, drafting_days_histogram.2 as drafting_days_counts,
dispatches, electronic_dispatches, work_files_opened, electronic_work_files,
extended, extended_after_expiry, completed_on_time_original, completed_late_original,
delivery_days_histogram.1 as delivery_days_keys, delivery_days_histogram.2 as delivery_days_counts,
to_leader_days_histogram.1 as to_leader_days_keys, to_leader_days_histogram.2 as to_leader_days_counts,
to_assign_days_histogram.1 as to_assign_days_keys, to_assign_days_histogram.2 as to_assign_days_counts,
handling_days_histogram.1 as handling_days_keys, handling_days_histogram.2 as handling_days_counts,
timely_transfers
{% endmacro %}

{#- The counts of kpi.md added up over a group, as int_agency_cohort_daily and agg_agency_daily need
    them (the histograms: counted_values for the cohorts, summed_packed_histograms for their sums). -#}
{% macro summed_counts() %}
toInt64(sum(received)) as received, toInt64(sum(returned)) as returned, toInt64(sum(online)) as online,
toInt64(sum(interconnected)) as interconnected, toInt64(sum(completed)) as completed,
toInt64(sum(completed_on_time)) as completed_on_time, toInt64(sum(completed_late)) as completed_late,
toInt64(sum(completed_no_deadline)) as completed_no_deadline, toInt64(sum(processing_days_sum)) as processing_days_sum,
toInt64(sum(open_change)) as open_change, toInt64(sum(overdue_change)) as overdue_change,
toInt64(sum(due_soon_change)) as due_soon_change, toInt64(sum(overdue_over_5_change)) as overdue_over_5_change,
toInt64(sum(overdue_over_10_change)) as overdue_over_10_change, toInt64(sum(overdue_over_20_change)) as overdue_over_20_change,
toInt64(sum(issued)) as issued, toInt64(sum(digitally_signed)) as digitally_signed,
toInt64(sum(dispatches)) as dispatches, toInt64(sum(electronic_dispatches)) as electronic_dispatches,
toInt64(sum(work_files_opened)) as work_files_opened, toInt64(sum(electronic_work_files)) as electronic_work_files,
toInt64(sum(extended)) as extended, toInt64(sum(extended_after_expiry)) as extended_after_expiry,
toInt64(sum(completed_on_time_original)) as completed_on_time_original, toInt64(sum(completed_late_original)) as completed_late_original,
toInt64(sum(timely_transfers)) as timely_transfers
{% endmacro %}

{#- agg_agency_daily and agg_city_daily keep every figure in four columns instead of forty: ClickHouse
    plans a query in time that grows with the columns it reads and the aggregates it computes, and
    for a summary that planning was most of its time (dbt/INCREMENTAL.md, "The period query's cost
    is planning, not reading"). The readers add up the arrays position by position (sumForEach) and
    the histograms key by key (sumMap), and name the positions by the lists below, read from this
    file (api/src/kpi/packed-figures.ts): each list is the one definition of its order.
      counts        the figures over a period, in the order of packed_counts
      open_changes  the changes of the open stock, in the order of packed_open_changes
      histogram_keys, histogram_counts  every histogram of packed_histograms in one sorted pair: the
                    key of a value v of the i-th histogram (from 1) is i * 2^32 + 2^31 + v.
    A list changed (reordered, a figure added or removed) changes what the stored positions mean:
    rebuild both tables with --full-refresh in the same deployment (the safety net's comparison with
    a full build finds and repairs tables that were not). -#}
{% macro packed_counts() %}
[received, returned, online, interconnected, completed, completed_on_time, completed_late, completed_no_deadline, processing_days_sum, issued, digitally_signed, dispatches, electronic_dispatches, work_files_opened, electronic_work_files, extended, extended_after_expiry, completed_on_time_original, completed_late_original, timely_transfers]
{% endmacro %}

{% macro packed_open_changes() %}
[open_change, overdue_change, due_soon_change, overdue_over_5_change, overdue_over_10_change, overdue_over_20_change]
{% endmacro %}

{% macro packed_histograms() %}
[processing_days_histogram, cohort_completed_histogram, drafting_days_histogram, delivery_days_histogram, to_leader_days_histogram, to_assign_days_histogram, handling_days_histogram]
{% endmacro %}

{#- A cohort row's histograms (stored_figures' columns) as (values, documents) under the names of
    packed_histograms, every value an Int64 (the completion dates of cohort_completed as days since
    1970), for packed_histogram_columns. -#}
{% macro cohort_histograms() %}
(processing_days_keys, processing_days_counts) as processing_days_histogram,
(arrayMap(completed_date -> toInt64(completed_date), cohort_completed_keys), cohort_completed_counts) as cohort_completed_histogram,
(drafting_days_keys, drafting_days_counts) as drafting_days_histogram,
(delivery_days_keys, delivery_days_counts) as delivery_days_histogram,
(to_leader_days_keys, to_leader_days_counts) as to_leader_days_histogram,
(to_assign_days_keys, to_assign_days_counts) as to_assign_days_histogram,
(handling_days_keys, handling_days_counts) as handling_days_histogram
{% endmacro %}

{#- The histograms of packed_histograms, each (sorted values, documents), as the two packed columns:
    the keys come out sorted, histogram by histogram. -#}
{% macro packed_histogram_columns() %}
arrayFlatten(arrayMap((histogram, figure) -> arrayMap(value -> toInt64(figure * 4294967296 + 2147483648 + value), histogram.1),
                      {{ packed_histograms() }} as histograms, arrayEnumerate(histograms))) as histogram_keys,
arrayFlatten(arrayMap(histogram -> histogram.2, histograms)) as histogram_counts
{% endmacro %}

{#- Packed histograms added up over a group, in two steps: the group's keys and documents gathered
    (summed_packed_histograms, in the grouping select), then, in a select over its rows, sorted by key
    and the documents of each key added up (merged_packed_histograms: histogram_keys and
    histogram_counts). This is sumMap(histogram_keys, histogram_counts), whose keys come out sorted
    too, at a fraction of the CPU: sumMap keeps a tree of generic values per group, and adding up
    the cohorts' seven histograms with it was most of a full build of agg_agency_daily (scale 0.1:
    the grouping 0.7 s, the seven sumMaps 10 s; all seven packed in one sumMap 6 s; sorted 2.5 s).
    Every count is at least 1 (documents), so no key sums to 0, which sumMap would leave out. Each key
    is compared with the next by shifting the array, not by index in a lambda: a lambda that reads
    an outer array copies it for every element (a month's keys: gigabytes). -#}
{% macro summed_packed_histograms() %}
groupArrayArray(histogram_keys) as histogram_keys_all, groupArrayArray(histogram_counts) as histogram_counts_all
{% endmacro %}

{% macro merged_packed_histograms() %}
arrayFilter((key, last) -> last, arraySort(histogram_keys_all) as sorted_keys,
            arrayMap((key, next) -> key != next, sorted_keys, arrayPopFront(arrayPushBack(sorted_keys, toInt64(-1)))) as last_of_key) as histogram_keys,
arrayMap((running, before) -> toUInt64(running - before),
         arrayFilter((running, last) -> last, arrayCumSum(arraySort((documents, key) -> key, histogram_counts_all, histogram_keys_all)), last_of_key) as key_ends,
         arrayPopBack(arrayPushFront(key_ends, toUInt64(0)))) as histogram_counts
{% endmacro %}

{#- The open stock at the end of each month row of agg_agency_daily and agg_city_daily: the changes of
    that month and of every earlier one of the same agency (the row that starts an incremental run's
    months, day 1900-01-01, carries the stock before them as its changes); day rows carry none ([]).
    The stock at A is then the stock of the last month before A's plus the changes of A's days up to A,
    from rows a summary's period query reads anyway (api/src/kpi/kpi_period.sql). -#}
{% macro month_open_stock() %}
if(grain = 'month', sumForEach(open_changes) over (partition by grain, agency_id order by day rows between unbounded preceding and current row), []) as open_stock
{%- endmacro %}

{#- A model's rows with their open stock (month_open_stock), for both tables' `derived`: the rows of
    the CTE `fresh` (the model's columns but the stock); on an incremental run also the CTE
    `later_months` (held month rows no input touched: their stock moves all the same), each agency's
    running stock starting from the CTE `stock_before` (agency_id, open_stock: the stock at the end
    of its last month before those derived again, _ingested_at). Window functions run after WHERE,
    so the starting rows are dropped outside. -#}
{% macro with_month_open_stock() %}
select * except _base from (
    select grain, agency_id, day, counts, open_changes, histogram_keys, histogram_counts, online_agencies,
           {{ month_open_stock() }}, _ingested_at, _base
    from (
        select grain, agency_id, day, counts, open_changes, histogram_keys, histogram_counts, online_agencies, _ingested_at, false as _base
        from fresh
        {% if is_incremental() %}
        union all
        select grain, agency_id, day, counts, open_changes, histogram_keys, histogram_counts, online_agencies, _ingested_at, false
        from later_months
        union all
        select 'month', agency_id, toDate32('1900-01-01'), [], open_stock, [], [], [], _ingested_at, true
        from stock_before
        {% endif %}
    )
)
where not _base
{%- endmacro %}

{#- The documents per value over a group whose rows each carry at most one value (`values`: an array
    of zero or one element per row), as sumMap's (sorted values, documents). sumMap over a one-element
    array and a count of 1 per row gives the same, at about half again the CPU: the cohort build's
    grouping of every event was most of a full build (scale 0.1: 5.6 against 3.7 CPU-seconds for
    int_agency_cohort_daily, the same rows; scale 1: 22.3 against 16.3 s). countEqual walks the
    group's values once per distinct value, which is cheap for groups of one agency, day and cohort
    (counting runs of the sorted values with arrayEnumerateUniq instead measured 3 % slower, scale 0.1,
    alone); the sums of many rows' histograms sort instead (summed_packed_histograms). -#}
{% macro counted_values(values, name) %}
(arraySort(arrayDistinct(groupArrayArray({{ values }}) as {{ name }}_all)) as {{ name }}_values,
 arrayMap(value -> toUInt64(countEqual({{ name }}_all, value)), {{ name }}_values)) as {{ name }}
{%- endmacro %}

{#- One figure of a packed row by its name, for the project's tests: {{ packed_count('received') }},
    {{ packed_open_change('open_change') }}; {{ histogram_documents('processing_days_histogram') }}
    is the documents of one histogram. The position is found in the list above, rendered into a
    string, so that the order stays written once; a name the list does not hold stops the query
    (indexOf's 0 would read as an empty figure, and a test of it would always pass). -#}
{% macro packed_count(name) %}
counts[(indexOf(extractAll('{{ packed_counts() }}', '\\w+'), '{{ name }}') as {{ name }}_at) + throwIf({{ name }}_at = 0, 'no packed count {{ name }}')]
{% endmacro %}

{% macro packed_open_change(name) %}
open_changes[(indexOf(extractAll('{{ packed_open_changes() }}', '\\w+'), '{{ name }}') as {{ name }}_at) + throwIf({{ name }}_at = 0, 'no packed open-stock change {{ name }}')]
{% endmacro %}

{% macro histogram_documents(name) %}
arraySum((key, documents) -> if(intDiv(key, 4294967296) = (indexOf(extractAll('{{ packed_histograms() }}', '\\w+'), '{{ name }}') as {{ name }}_at)
                                                       + throwIf({{ name }}_at = 0, 'no packed histogram {{ name }}'), documents, 0),
         histogram_keys, histogram_counts)
{% endmacro %}

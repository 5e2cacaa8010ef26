{#- The figures of kpi.md as int_agency_cohort_daily and agg_agency_daily store them, in this
    order, from their `figures` CTE (histograms as sumMap's (values, documents), split in two
    columns: ClickHouse stores sorted arrays, and the readers add them up with sumMap again). -#}
{% macro stored_figures() %}
received, returned, online, interconnected, completed, completed_on_time, completed_late, completed_no_deadline, processing_days_sum,
processing_days_histogram.1 as processing_days_keys, processing_days_histogram.2 as processing_days_counts,
open_change, overdue_change,
cohort_completed_histogram.1 as cohort_completed_keys, cohort_completed_histogram.2 as cohort_completed_counts,
issued, digitally_signed,
drafting_days_histogram.1 as drafting_days_keys, drafting_days_histogram.2 as drafting_days_counts,
dispatches, electronic_dispatches, work_files_opened, electronic_work_files
{% endmacro %}

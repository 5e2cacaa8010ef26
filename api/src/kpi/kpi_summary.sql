-- Every figure of shared/spec/kpi.md for one group of agencies and one period, in one round trip.
-- Parameters:
--   {agencies:Array(Int64)}  the agencies of the scope (resolved once, in agency-scope.ts)
--   {as_is:Bool}             false: count a document for the agency that handled it (as_was);
--                            true: for the current agency it maps to through the succession (as_is)
--   {from:Date32} {to:Date32} the period P, inclusive local dates
--   {as_of:Date32}           A = min(to, today): the day at which open stocks are read
-- Incoming documents that were withdrawn never count; returned ones count only in `returned`
-- (the agg_ models apply both rules). Quantiles come back as histograms [(value, documents)] and are
-- resolved by the nearest-rank rule in kpi-summary.ts.
select
    received.received,
    received.returned,
    received.online,
    received.interconnected,
    completed.completed,
    completed.completed_on_time,
    completed.completed_late,
    completed.completed_no_deadline,
    completed.processing_days_sum,
    (
        select groupArray((processing_days, documents))
        from (
            select processing_days, sum(documents) as documents
            from analytics.agg_incoming_processing_days
            where day between {from:Date32} and {to:Date32}
              and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
            group by processing_days
            order by processing_days
        )
    ) as processing_days_histogram,
    open_stock.open_total,
    open_stock.open_overdue,
    (
        select countIf(completed_date is not null and completed_date <= {as_of:Date32})
        from analytics.fct_incoming_document
        where received_date between {from:Date32} and {to:Date32}
          and status not in ('withdrawn', 'returned')
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as cohort_completed,
    issued.issued,
    issued.digitally_signed,
    (
        select groupArray((drafting_days, documents))
        from (
            select drafting_days, sum(documents) as documents
            from analytics.agg_outgoing_drafting_days
            where day between {from:Date32} and {to:Date32}
              and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
            group by drafting_days
            order by drafting_days
        )
    ) as drafting_days_histogram,
    dispatches.dispatches,
    dispatches.electronic_dispatches,
    work_files.opened,
    work_files.electronic_work_files,
    adoption.agencies,
    (
        select uniqExact(if({as_is:Bool}, current_agency_id, agency_id))
        from analytics.agg_agency_online_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
          and if({as_is:Bool}, current_agency_id, agency_id) in (
              select if({as_is:Bool}, current_agency_id, agency_id)
              from analytics.dim_agency
              where valid_from <= {to:Date32} and (valid_to is null or valid_to >= {from:Date32})
          )
    ) as active_agencies
from
    (
        select sum(received) as received, sum(returned) as returned,
               sum(online) as online, sum(interconnected) as interconnected
        from analytics.agg_incoming_received_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as received,
    (
        select sum(completed) as completed, sum(completed_on_time) as completed_on_time,
               sum(completed_late) as completed_late, sum(completed_no_deadline) as completed_no_deadline,
               sum(processing_days_sum) as processing_days_sum
        from analytics.agg_incoming_completed_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as completed,
    (
        -- The stock is cumulative per source agency: read each agency's latest row on or before A.
        select sum(open_total) as open_total, sum(open_overdue) as open_overdue
        from (
            select agency_id, argMax(open_total, day) as open_total, argMax(open_overdue, day) as open_overdue
            from analytics.agg_incoming_open_daily
            where day <= {as_of:Date32}
              and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
            group by agency_id
        )
    ) as open_stock,
    (
        select sum(issued) as issued, sum(digitally_signed) as digitally_signed
        from analytics.agg_outgoing_issued_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as issued,
    (
        select sum(dispatches) as dispatches, sum(electronic) as electronic_dispatches
        from analytics.agg_dispatch_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as dispatches,
    (
        select sum(opened) as opened, sum(electronic) as electronic_work_files
        from analytics.agg_work_file_daily
        where day between {from:Date32} and {to:Date32}
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as work_files,
    (
        -- Agencies that existed on at least one day of P; in as_is, the current agencies they map to.
        select uniqExact(if({as_is:Bool}, current_agency_id, agency_id)) as agencies
        from analytics.dim_agency
        where valid_from <= {to:Date32} and (valid_to is null or valid_to >= {from:Date32})
          and if({as_is:Bool}, current_agency_id, agency_id) in {agencies:Array(Int64)}
    ) as adoption

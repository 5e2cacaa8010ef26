-- The id of an archived report with these very parameters computed from the same data: the same
-- period, scope, level, view and format, and the same data_as_of (the models' build watermark).
-- {today:String} = '' when the period closed before today (its figures then depend on the data
-- only); otherwise only a report generated on that Hanoi day counts, since its open stocks were
-- read at min(to, today). The oldest such report is the one handed out again.
select id
from vanban_reports.archive
where period_kind = {period_kind:String}
  and calendar = {calendar:Bool}
  and period_from = {period_from:Date32}
  and period_to = {period_to:Date32}
  and scope_code = {scope_code:String}
  and agency_kind = {agency_kind:String}
  and view = {view:String}
  and format = {format:String}
  and isNotDistinctFrom(data_as_of, {data_as_of:Nullable(String)})
  and ({today:String} = '' or toString(toDate(toTimeZone(generated_at, 'Asia/Ho_Chi_Minh'))) = {today:String})
order by generated_at, id
limit 1

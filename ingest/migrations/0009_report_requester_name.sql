-- The report archive names a person who asked for a report as their token named them (`name`), so
-- the report center shows "Nguyễn Văn A" rather than an account id. Empty for the scheduler, clients,
-- API keys, operators and the reports made before.
alter table vanban_reports.archive add column if not exists requested_by_name String default '';

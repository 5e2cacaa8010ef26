-- One archived file, base64-encoded as stored, with the SHA-256 it was stored with: the first one
-- stored under {id:String}, the one archive_entries.sql lists.
select content_base64, sha256
from vanban_reports.archive
where id = {id:String}
order by generated_at
limit 1

-- The bytes of the files archived at the request of {requested_by:String} through {requested_via:String}.
select toString(sum(size)) as bytes
from vanban_reports.archive
where requested_by = {requested_by:String} and requested_via = {requested_via:String}

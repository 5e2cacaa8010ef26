-- One person's latest digests as they went (sent, failed, given up; at in Hanoi time), newest first: what the portal
-- shows under their subscription.
select toString(day) as day, event, email, subject, toString(toTimeZone(at, 'Asia/Ho_Chi_Minh')) as at
from vanban_digest.delivery_log
where subscriber = {subscriber:String} and event in ('sent', 'failed', 'gave_up')
order by at desc
limit {limit:UInt32}

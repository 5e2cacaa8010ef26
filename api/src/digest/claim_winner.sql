-- Which claim on {subscriber}'s digest of {day} wins: the earliest live one by the warehouse's clock
-- (ties by id), and none once the digest went out or was given up. Every replica that claimed asks
-- after its own claim is written; whoever claimed first is seen first by all of them. A claim is
-- live while its holder renews it (its last claim or renewal within the lease). One that lapsed and
-- is renewed again belongs to a replica that stalled and is sending anyway: it wins again, so that a
-- replica asking then does not send a second copy.
select claim_id
from vanban_digest.delivery_log
where day = {day:Date} and subscriber = {subscriber:String} and event in ('claimed', 'renewed')
  and claim_id not in (
      select claim_id from vanban_digest.delivery_log
      where day = {day:Date} and subscriber = {subscriber:String} and event in ('sent', 'failed'))
  and not exists (
      select 1 from vanban_digest.delivery_log
      where day = {day:Date} and subscriber = {subscriber:String} and event in ('sent', 'gave_up'))
group by claim_id
having toUnixTimestamp64Milli(max(at)) >= toUnixTimestamp64Milli(now64(3)) - {lease_ms:UInt64}
order by min(at), claim_id
limit 1

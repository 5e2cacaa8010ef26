-- Which claim on {subscriber}'s digest of {day} wins: the earliest live one by the warehouse's clock
-- (ties by id), and none once the digest went out or was given up. Every replica that claimed asks
-- after its own claim is written; whoever claimed first is seen first by all of them.
select claim_id
from vanban_digest.delivery_log
where day = {day:Date} and subscriber = {subscriber:String} and event = 'claimed'
  and toUnixTimestamp64Milli(at) >= toUnixTimestamp64Milli(now64(3)) - {lease_ms:UInt64}
  and claim_id not in (
      select claim_id from vanban_digest.delivery_log
      where day = {day:Date} and subscriber = {subscriber:String} and event in ('sent', 'failed'))
  and not exists (
      select 1 from vanban_digest.delivery_log
      where day = {day:Date} and subscriber = {subscriber:String} and event in ('sent', 'gave_up'))
order by at, claim_id
limit 1

-- Where each subscriber's digest of {day:Date} stands (api/src/digest/schedule.ts), judged by the
-- warehouse's clock (`now_ms`), never a replica's: whether it went out or was given up, its failed
-- attempts and when the last one failed, whether a replica holds a live claim on it (claimed or
-- renewed within the lease, with no outcome yet; claim_winner.sql has the last word), and the day of
-- the subscriber's previous digest that went out.
with
    toUnixTimestamp64Milli(now64(3)) as server_ms,
    outcomes as (
        select claim_id from vanban_digest.delivery_log
        where day = {day:Date} and event in ('sent', 'failed')
    )
select
    subscriber,
    countIf(event = 'sent' and day = {day:Date}) > 0 as sent,
    countIf(event = 'gave_up' and day = {day:Date}) > 0 as gave_up,
    toUInt32(countIf(event = 'failed' and day = {day:Date})) as failures,
    toUInt64(toUnixTimestamp64Milli(maxIf(at, event = 'failed' and day = {day:Date}))) as last_failed_ms,
    countIf(event in ('claimed', 'renewed') and day = {day:Date} and claim_id not in outcomes
            and toUnixTimestamp64Milli(at) >= server_ms - {lease_ms:UInt64}) > 0 as claimed,
    if(countIf(event = 'sent' and day < {day:Date}) = 0, null, toString(maxIf(day, event = 'sent' and day < {day:Date}))) as last_sent_day,
    toUInt64(any(server_ms)) as now_ms
from vanban_digest.delivery_log
where day <= {day:Date}
group by subscriber

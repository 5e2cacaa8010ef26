-- Which API replica runs the IOC alert monitor (api/src/alerts/leader.ts): every replica writes a
-- heartbeat at each look; the monitor runs in the live replica (a heartbeat within the lease) that
-- started first, so two replicas never raise or deliver the same alert twice, and when that one
-- stops the next takes over, resuming from the alert log. Old heartbeats matter to no one.
create table if not exists vanban_alerts.monitor_heartbeat
(
    -- the warehouse's clock: liveness is judged by it, never by a replica's
    at DateTime64(3, 'UTC') default now64(3),
    replica String,
    started_at DateTime64(3, 'UTC')
)
engine = MergeTree
order by at
ttl toDateTime(at) + interval 7 day;

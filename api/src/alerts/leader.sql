-- The replica that runs the alert monitor now: among those with a heartbeat within the lease (by the
-- warehouse's clock; the asking replica always counts, having just written one), the one that
-- started first (ties by id). Every replica asking gets the same answer from the same rows.
select argMin(replica, (started_at, replica)) as leader
from vanban_alerts.monitor_heartbeat
where toUnixTimestamp64Milli(at) >= toUnixTimestamp64Milli(now64(3)) - {lease_ms:UInt64}
   or replica = {replica:String}

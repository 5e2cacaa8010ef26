// One alert monitor among the API's replicas (infra/deploy/k8s/app.yaml runs two): each look writes
// a heartbeat to vanban_alerts.monitor_heartbeat and goes on only in the leader, the live replica
// that started first. When the leader stops, its heartbeats age past the lease and the next replica
// takes over at its next look, resuming pending deliveries from the alert log. A leader stalled for
// longer than the lease could overlap with its successor for one look: the lease is three looks.
// Two replicas starting together (no live leader) could each ask before the other's first heartbeat
// was written, and each find itself alone: so a replica about to lead asks once more after
// `settleMs`, when a heartbeat written at the same moment is visible (a CI run saw two leaders).
import { setTimeout as sleep } from 'node:timers/promises';
import { queryRows, readSql, type Warehouse } from '@vanban/common';

const leaderSql = readSql(new URL('./leader.sql', import.meta.url));

export class MonitorLease {
  private readonly startedAt = new Date().toISOString().replace('T', ' ').replace('Z', '');
  /** Whether this replica led at its previous look: only becoming the leader waits to ask again. */
  private led = false;

  constructor(private readonly client: Warehouse, readonly replica: string, private readonly leaseMs: number, private readonly settleMs = 500) {}

  /** Writes this replica's heartbeat, then says whether it leads. */
  async lead(): Promise<boolean> {
    await this.client.insert({ table: 'vanban_alerts.monitor_heartbeat', values: [{ replica: this.replica, started_at: this.startedAt }], format: 'JSONEachRow' });
    let leads = await this.leads();
    if (leads && !this.led) {
      await sleep(this.settleMs);
      leads = await this.leads();
    }
    this.led = leads;
    return leads;
  }

  private async leads(): Promise<boolean> {
    const [row] = await queryRows<{ leader: string }>(this.client, leaderSql, { lease_ms: this.leaseMs, replica: this.replica });
    return row?.leader === this.replica;
  }
}

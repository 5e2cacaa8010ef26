// Threshold alerts for the IOC: every `everySeconds` the monitor evaluates the conditions
// (conditions.ts); a condition that starts to hold raises one alert, recorded and sent as a signed
// webhook (webhook.ts), retried with exponential backoff until delivered or `maxAttempts` failed;
// while it holds nothing more is sent; when it stops holding it is recorded cleared, and the next
// crossing is a new alert. The state lives in vanban_alerts.alert_log, so a restart neither repeats
// an alert nor drops one still waiting for delivery; of several replicas only one runs it (leader.ts).
import { randomUUID } from 'node:crypto';
import { readSql, queryRows, type AppConfig, type Warehouse } from '@vanban/common';
import { holdingConditions, type AlertThresholds, type HoldingCondition } from './conditions.js';
import { postSigned, type WebhookTarget } from './webhook.js';
import { MonitorLease } from './leader.js';
import { hanoiTime } from '../kpi/periods.js';
import type { ScheduleLog } from '../reports/scheduler.js';

export interface AlertConfig extends AlertThresholds {
  /** Where alerts are sent; without it they are only recorded. */
  webhook?: WebhookTarget;
  everySeconds: number;
  maxAttempts: number;
  /** The first retry waits this long, each next one twice as long. */
  retryBaseMs: number;
  /** The portal's public address, for the link in each alert. */
  portalUrl?: string;
  /** Another replica leads the monitor while its last heartbeat is younger than this (default: three looks). */
  leaseSeconds?: number;
}

/** The monitor's settings from the product's configuration (ALERT_* variables, PORTAL_URL). */
export function alertConfig(settings: AppConfig['alerts'], portalUrl: string | undefined): AlertConfig {
  const { webhookUrl, webhookSecret, ...rest } = settings;
  return {
    ...rest,
    ...(webhookUrl && webhookSecret ? { webhook: { url: webhookUrl, secret: webhookSecret } } : {}),
    ...(portalUrl ? { portalUrl } : {}),
  };
}

export interface AlertBody {
  id: string;
  type: HoldingCondition['kind'];
  condition: string;
  raised_at: string;
  as_of: string;
  data_as_of: string | null;
  agency: { code: string; name: string } | null;
  value: number;
  threshold: number;
  message: string;
  link: string | null;
}

type StateRow = { kind: 'active' | 'pending'; condition: string; alert_id: string; body: string; failures: number };

const stateSql = readSql(new URL('./alert_state.sql', import.meta.url));

export class AlertMonitor {
  private running: Promise<AlertBody[]> | null = null;
  private timer: NodeJS.Timeout | undefined;
  private readonly delivering = new Map<string, Promise<void>>();
  private stopped = false;
  private readonly lease: MonitorLease;

  constructor(
    private readonly client: Warehouse,
    private readonly config: AlertConfig,
    private readonly today: () => string,
    private readonly log: ScheduleLog,
    private readonly now: () => Date = () => new Date(),
    /** This process among the API's replicas. */
    replica: string = randomUUID(),
  ) {
    this.lease = new MonitorLease(client, replica, (config.leaseSeconds ?? 3 * config.everySeconds) * 1000);
  }

  /** One look: raises the alerts of conditions that started to hold, clears those that stopped; returns the raised ones. */
  tick(): Promise<AlertBody[]> {
    this.running ??= this.look().finally(() => { this.running = null; });
    return this.running;
  }

  start(): void {
    const run = () => { this.tick().catch((error: unknown) => this.log.error({ err: error }, 'alerts: look failed')); };
    run();
    this.timer = setInterval(run, this.config.everySeconds * 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
    await this.idle();
  }

  /** Until every delivery in flight has ended (delivered or given up). */
  async idle(): Promise<void> {
    while (this.delivering.size > 0) await Promise.allSettled([...this.delivering.values()]);
  }

  private async look(): Promise<AlertBody[]> {
    // Only one replica raises and delivers (leader.ts); the others keep their heartbeat and wait.
    if (!(await this.lease.lead())) return [];
    const state = await queryRows<StateRow>(this.client, stateSql);
    const active = new Set(state.filter((row) => row.kind === 'active').map((row) => row.condition));
    const now = this.now();
    const today = this.today();
    const { holding, dataAsOf } = await holdingConditions(this.client, this.config, today, now);
    const raised = holding.filter((c) => !active.has(c.condition)).map((c): AlertBody => ({
      id: randomUUID(), type: c.kind, condition: c.condition, raised_at: hanoiTime(now.getTime()), as_of: today, data_as_of: dataAsOf,
      agency: c.agency, value: c.value, threshold: c.threshold, message: c.message,
      link: this.config.portalUrl ? new URL(c.agency ? `/co-quan/${encodeURIComponent(c.agency.code)}` : '/', this.config.portalUrl).href : null,
    }));
    const holds = new Set(holding.map((c) => c.condition));
    const cleared = [...active].filter((condition) => !holds.has(condition));
    await this.record([
      ...raised.map((alert) => ({ alert_id: alert.id, condition: alert.condition, kind: alert.type, event: 'raised', agency: alert.agency?.code ?? '', value: alert.value, threshold: alert.threshold, attempt: 0, detail: JSON.stringify(alert) })),
      ...cleared.map((condition) => ({ alert_id: state.find((row) => row.kind === 'active' && row.condition === condition)!.alert_id, condition, kind: condition === 'data_age' ? 'data_age' : 'overdue_threshold', event: 'cleared', agency: condition.startsWith('overdue:') ? condition.slice('overdue:'.length) : '', value: 0, threshold: 0, attempt: 0, detail: '' })),
    ]);
    for (const alert of raised) this.log.info(`alert raised: ${alert.message}`);
    for (const condition of cleared) this.log.info(`alert cleared: ${condition}`);
    // Every alert still waiting, those raised now and those a restart left behind.
    const pending = [
      ...state.filter((row) => row.kind === 'pending').map((row) => ({ id: row.alert_id, condition: row.condition, body: row.body, failures: Number(row.failures) })),
      ...raised.map((alert) => ({ id: alert.id, condition: alert.condition, body: JSON.stringify(alert), failures: 0 })),
    ];
    if (this.config.webhook) for (const alert of pending) this.deliver(alert.id, alert.condition, alert.body, alert.failures);
    return raised;
  }

  /** Sends one alert in the background, retrying with backoff; a second call for the same alert waits for the first. */
  private deliver(alertId: string, condition: string, body: string, failures: number): void {
    if (this.delivering.has(alertId)) return;
    const webhook = this.config.webhook!;
    const attempts = async () => {
      // Resumed after the limit was lowered below the attempts already made: given up now.
      if (failures >= this.config.maxAttempts) {
        await this.record([deliveryEvent(alertId, condition, 'gave_up', failures, 'no attempt left')]);
        return;
      }
      for (let attempt = failures + 1; attempt <= this.config.maxAttempts && !this.stopped; attempt++) {
        try {
          await postSigned(webhook, alertId, body);
          await this.record([deliveryEvent(alertId, condition, 'delivered', attempt, '')]);
          return;
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          await this.record([deliveryEvent(alertId, condition, 'attempt_failed', attempt, detail)]);
          this.log.error({ alertId, attempt, detail }, 'alert delivery failed');
          if (attempt === this.config.maxAttempts) {
            await this.record([deliveryEvent(alertId, condition, 'gave_up', attempt, detail)]);
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, this.config.retryBaseMs * 2 ** (attempt - failures - 1)).unref());
        }
      }
    };
    const delivery = attempts()
      .catch((error: unknown) => this.log.error({ err: error, alertId }, 'alert delivery could not be recorded'))
      .finally(() => this.delivering.delete(alertId));
    this.delivering.set(alertId, delivery);
  }

  private async record(rows: LogRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.client.insert({ table: 'vanban_alerts.alert_log', values: rows, format: 'JSONEachRow' });
  }
}

/** A row of vanban_alerts.alert_log. */
interface LogRow { alert_id: string; condition: string; kind: string; event: string; agency: string; value: number; threshold: number; attempt: number; detail: string }

/** A delivery's event: only the alert, the attempt and what went wrong. */
const deliveryEvent = (alertId: string, condition: string, event: 'delivered' | 'attempt_failed' | 'gave_up', attempt: number, detail: string): LogRow =>
  ({ alert_id: alertId, condition, kind: '', event, agency: '', value: 0, threshold: 0, attempt, detail });

// Prometheus metrics of the API: request latency by route and status, and how fresh the data is
// (ingest lag: now − the newest source commit in the raw tables; data_as_of age: now − what the
// models include), the checks of the incremental models against a full build, and how long the
// event loop was held up (one request that computes too long delays every other). Text exposition
// format, no client library needed for these few families.
import type { FastifyInstance } from 'fastify';
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { documentsOutsideCalendar } from './data-quality.js';
import { modelChecks } from './model-checks.js';

export interface Freshness {
  ingest_watermark: string | null;
  ingest_lag_seconds: number | null;
  data_as_of_age_seconds: number | null;
  last_build_at: string | null;
  last_build_seconds: number | null;
}

const freshnessSql = readSql(new URL('./freshness.sql', import.meta.url));

export async function freshness(client: Warehouse): Promise<Freshness> {
  const [row] = await queryRows<Freshness>(client, freshnessSql);
  return row!;
}

const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Series { counts: number[]; sum: number; count: number }

const emptySeries = (bounds: readonly number[]): Series => ({ counts: bounds.map(() => 0), sum: 0, count: 0 });

function record(series: Series, bounds: readonly number[], seconds: number): void {
  bounds.forEach((bound, i) => { if (seconds <= bound) series.counts[i]!++; });
  series.sum += seconds;
  series.count++;
}

/** A cumulative histogram in the text exposition format; `labels` without braces, maybe empty. */
function histogramLines(name: string, labels: string, bounds: readonly number[], series: Series): string[] {
  const withLe = (le: string) => `{${labels ? `${labels},` : ''}le="${le}"}`;
  return [
    ...bounds.map((bound, i) => `${name}_bucket${withLe(String(bound))} ${series.counts[i]}`),
    `${name}_bucket${withLe('+Inf')} ${series.count}`,
    `${name}_sum${labels ? `{${labels}}` : ''} ${series.sum}`,
    `${name}_count${labels ? `{${labels}}` : ''} ${series.count}`,
  ];
}

const lagBuckets = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const lagPeriodMs = 10;

/**
 * How late a timer due every 10 ms fires: the time the event loop spent on something else (a
 * request computing without yielding, a long garbage collection). Cumulative, so that a scrape
 * does not reset what another reads.
 */
class EventLoopLag {
  readonly series = emptySeries(lagBuckets);
  private timer: NodeJS.Timeout | undefined;

  start(): void {
    let due = performance.now() + lagPeriodMs;
    this.timer = setInterval(() => {
      const now = performance.now();
      record(this.series, lagBuckets, Math.max(0, now - due) / 1000);
      due = now + lagPeriodMs;
    }, lagPeriodMs);
    // Sampling never keeps the process alive.
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

export class ApiMetrics {
  private readonly latency = new Map<string, Series>();
  private readonly loopLag = new EventLoopLag();

  constructor() {
    this.loopLag.start();
  }

  /** Stops sampling (the server is closing). */
  stop(): void {
    this.loopLag.stop();
  }

  observe(route: string, method: string, status: number, seconds: number): void {
    const key = `method="${method}",route="${route}",status="${status}"`;
    let series = this.latency.get(key);
    if (!series) this.latency.set(key, (series = emptySeries(buckets)));
    record(series, buckets, seconds);
  }

  /** Records every response's latency under its route pattern (not the raw URL: bounded label values). */
  attach(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.observe(route, request.method, reply.statusCode, reply.elapsedTime / 1000);
    });
  }

  async render(client: Warehouse): Promise<string> {
    const lines = [
      '# HELP vanban_api_request_duration_seconds API request latency.',
      '# TYPE vanban_api_request_duration_seconds histogram',
    ];
    for (const [labels, series] of this.latency) lines.push(...histogramLines('vanban_api_request_duration_seconds', labels, buckets, series));
    lines.push(
      '# HELP vanban_event_loop_lag_seconds How late a 10 ms timer fired on the API\'s event loop: how long something held it up (no request may).',
      '# TYPE vanban_event_loop_lag_seconds histogram',
      ...histogramLines('vanban_event_loop_lag_seconds', '', lagBuckets, this.loopLag.series),
    );
    const fresh = await freshness(client);
    lines.push(
      '# HELP vanban_ingest_lag_seconds Now minus the source commit time of the newest change in the raw tables.',
      '# TYPE vanban_ingest_lag_seconds gauge',
      `vanban_ingest_lag_seconds ${fresh.ingest_lag_seconds ?? 'NaN'}`,
      '# HELP vanban_data_as_of_age_seconds Now minus data_as_of, the newest source commit the models include.',
      '# TYPE vanban_data_as_of_age_seconds gauge',
      `vanban_data_as_of_age_seconds ${fresh.data_as_of_age_seconds ?? 'NaN'}`,
      '# HELP vanban_documents_outside_calendar Documents with a date outside the working-day calendar: counted, without working-day durations (analytics.dq_outside_calendar).',
      '# TYPE vanban_documents_outside_calendar gauge',
      `vanban_documents_outside_calendar ${(await documentsOutsideCalendar(client)) ?? 'NaN'}`,
    );
    const checks = await modelChecks(client);
    lines.push(
      '# HELP vanban_model_checks_total Checks of the incremental models against a full build into a shadow database.',
      '# TYPE vanban_model_checks_total counter',
      `vanban_model_checks_total ${checks.checks}`,
      '# HELP vanban_model_differences_total Model tables found different from a full build (each replaced by it).',
      '# TYPE vanban_model_differences_total counter',
      `vanban_model_differences_total ${checks.differences}`,
      '# HELP vanban_model_last_check_timestamp_seconds When the models were last checked against a full build.',
      '# TYPE vanban_model_last_check_timestamp_seconds gauge',
      `vanban_model_last_check_timestamp_seconds ${checks.lastCheckedSeconds ?? 'NaN'}`,
    );
    const alertEvents = await queryRows<{ event: string; n: number }>(client, 'select event, toUInt32(count()) as n from vanban_alerts.alert_log group by event order by event');
    lines.push(
      '# HELP vanban_alert_events_total Threshold alerts for the IOC by event: raised, attempt_failed, delivered, gave_up, cleared (vanban_alerts.alert_log).',
      '# TYPE vanban_alert_events_total counter',
      ...alertEvents.map((row) => `vanban_alert_events_total{event="${row.event}"} ${row.n}`),
    );
    const digestEvents = await queryRows<{ event: string; n: number }>(client, "select event, toUInt32(count()) as n from vanban_digest.delivery_log where event in ('sent', 'failed', 'gave_up') group by event order by event");
    lines.push(
      '# HELP vanban_digest_messages_total Daily digest messages by outcome: sent, failed (an attempt), gave_up (vanban_digest.delivery_log).',
      '# TYPE vanban_digest_messages_total counter',
      ...digestEvents.map((row) => `vanban_digest_messages_total{event="${row.event}"} ${row.n}`),
    );
    return `${lines.join('\n')}\n`;
  }
}

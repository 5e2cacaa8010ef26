// What the ingest service exposes to Prometheus: totals of what it wrote, consumer lag per
// partition (Kafka), and freshness (how old the newest source commit in the warehouse is).
import type { BatchResult } from './writers/raw-writer.js';

export class IngestMetrics {
  private readonly totals = { batches: 0, rows: 0, deadLetters: 0, secretDropped: 0, childrenWithheld: 0 };
  private readonly lag = new Map<string, number>();
  private lastSourceCommitMs = 0;

  record(batch: BatchResult & { topic?: string; partition?: number; lag?: number }): void {
    this.totals.batches++;
    this.totals.rows += batch.rows;
    this.totals.deadLetters += batch.deadLetters;
    this.totals.secretDropped += batch.secretDropped;
    this.totals.childrenWithheld += batch.childrenWithheld;
    if (batch.maxSourceTsMs > this.lastSourceCommitMs) this.lastSourceCommitMs = batch.maxSourceTsMs;
    if (batch.topic !== undefined && batch.lag !== undefined) this.lag.set(`${batch.topic}/${batch.partition ?? 0}`, batch.lag);
  }

  /** Prometheus text exposition format 0.0.4. */
  render(nowMs = Date.now()): string {
    const lines = [
      '# HELP vanban_ingest_batches_total Batches written to the warehouse.',
      '# TYPE vanban_ingest_batches_total counter',
      `vanban_ingest_batches_total ${this.totals.batches}`,
      '# HELP vanban_ingest_rows_total Raw rows written (versions, including delete markers).',
      '# TYPE vanban_ingest_rows_total counter',
      `vanban_ingest_rows_total ${this.totals.rows}`,
      '# HELP vanban_ingest_dead_letters_total Events that could not be decoded (see eoffice_raw._dead_letter).',
      '# TYPE vanban_ingest_dead_letters_total counter',
      `vanban_ingest_dead_letters_total ${this.totals.deadLetters}`,
      '# HELP vanban_ingest_secret_dropped_total Changes of secret documents dropped.',
      '# TYPE vanban_ingest_secret_dropped_total counter',
      `vanban_ingest_secret_dropped_total ${this.totals.secretDropped}`,
      '# HELP vanban_ingest_children_withheld_total Child rows (assignments, logs, …) not written because their document is secret, deleted or unknown.',
      '# TYPE vanban_ingest_children_withheld_total counter',
      `vanban_ingest_children_withheld_total ${this.totals.childrenWithheld}`,
      '# HELP vanban_ingest_consumer_lag_messages Messages behind the end of each partition after the last batch.',
      '# TYPE vanban_ingest_consumer_lag_messages gauge',
      ...[...this.lag].map(([key, value]) => {
        const [topic, partition] = key.split('/');
        return `vanban_ingest_consumer_lag_messages{topic="${topic}",partition="${partition}"} ${value}`;
      }),
      '# HELP vanban_ingest_freshness_seconds Age of the newest source commit written to the warehouse.',
      '# TYPE vanban_ingest_freshness_seconds gauge',
      `vanban_ingest_freshness_seconds ${this.lastSourceCommitMs ? ((nowMs - this.lastSourceCommitMs) / 1000).toFixed(3) : 'NaN'}`,
    ];
    return `${lines.join('\n')}\n`;
  }
}

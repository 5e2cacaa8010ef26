import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IngestMetrics } from './metrics.js';

const batch = { batchId: 'b', rows: 10, secretDropped: 1, childrenWithheld: 3, deadLetters: 2, skipped: 0, maxLsn: 5, maxSourceTsMs: 1_000_000, minSourceTsMs: 1_000_000, tables: [], purged: [] };

test('metrics add up batches, keep the last lag per partition and measure freshness', () => {
  const metrics = new IngestMetrics();
  assert.match(metrics.render(), /vanban_ingest_freshness_seconds NaN/);
  metrics.record({ ...batch, topic: 'eoffice.eoffice.agency', partition: 0, lag: 7 });
  metrics.record({ ...batch, maxSourceTsMs: 2_000_000, topic: 'eoffice.eoffice.agency', partition: 0, lag: 0 });
  const text = metrics.render(2_500_000);
  assert.match(text, /^vanban_ingest_rows_total 20$/m);
  assert.match(text, /^vanban_ingest_dead_letters_total 4$/m);
  assert.match(text, /^vanban_ingest_children_withheld_total 6$/m);
  assert.match(text, /^vanban_ingest_consumer_lag_messages\{topic="eoffice.eoffice.agency",partition="0"\} 0$/m);
  assert.match(text, /^vanban_ingest_freshness_seconds 500.000$/m);
});

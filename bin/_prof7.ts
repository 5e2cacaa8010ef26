import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectWarehouse, closeWarehouse } from '@vanban/common';
import { debeziumMessages, migrateRaw, ingestMessages, type ChangeMessage } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
const sample: ChangeMessage[] = [];
for await (const m of debeziumMessages(simulate({ seed: 222, scale: 0.02, until: '2026-10-31' }))) { sample.push(m); if (sample.length >= 600000) break; }
const w = await connectWarehouse({ dataDir: mkdtempSync(path.join(tmpdir(), 'p-')), clickhouseUser: 'default', clickhousePassword: '' });
await migrateRaw(w);
for (const workers of [0, 1, 2, 0, 1, 2]) {
  const t = performance.now();
  await ingestMessages(w, sample, { source: 'x', batchSize: 50000, decodeWorkers: workers });
  console.log('workers', workers, Math.round(sample.length / ((performance.now() - t) / 1000)), 'ev/s');
}
await closeWarehouse(w);

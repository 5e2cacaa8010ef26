import { connectWarehouse, closeWarehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';
const w = await connectWarehouse({ dataDir: '/tmp/s02', clickhouseUser: 'default', clickhousePassword: '' });
await migrateRaw(w);
await ingestMessages(w, debeziumMessages(simulate({ seed: 222, scale: 0.02, until: '2026-10-31' })), { source: 'x', batchSize: 100000 });
await buildModels(w);
await closeWarehouse(w);

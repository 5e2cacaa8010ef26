// An embedded warehouse (chDB in a temporary directory) holding a simulated history, ingested as
// Debezium events and modelled: the starting point of the tests that read through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';

export interface SimulatedWarehouse {
  warehouse: Warehouse;
  /** The embedded warehouse's directory, for a test that serves it from another process. */
  dataDir: string;
  /** Closes the warehouse and removes its directory. */
  remove(): Promise<void>;
}

export async function simulatedWarehouse(name: string, simulation: { seed: number; scale: number; until: string }): Promise<SimulatedWarehouse> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  await migrateRaw(warehouse);
  await ingestMessages(warehouse, debeziumMessages(simulate(simulation)), { source: 'simulator' });
  await buildModels(warehouse);
  return {
    warehouse,
    dataDir,
    async remove() {
      await closeWarehouse(warehouse);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

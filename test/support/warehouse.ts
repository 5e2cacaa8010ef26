// Embedded warehouses (chDB in a temporary directory) for tests: an empty one with the raw tables, or
// one holding a simulated history, ingested as Debezium events and modelled: the starting point of the
// tests that read through the API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeWarehouse, connectWarehouse, type Warehouse } from '@vanban/common';
import { debeziumMessages, ingestMessages, migrateRaw } from '@vanban/ingest';
import { simulate } from '@vanban/ingest/simulator';
import { buildModels } from '@vanban/transform';

/** A warehouse of a test, removed with its directory at the end. */
export interface SimulatedWarehouse {
  warehouse: Warehouse;
  /** The embedded warehouse's directory, for a test that serves it from another process. */
  dataDir: string;
  /** Closes the warehouse and removes its directory. */
  remove(): Promise<void>;
}

/** An empty embedded warehouse (raw tables migrated) in a temporary directory. */
export async function temporaryWarehouse(name: string): Promise<SimulatedWarehouse> {
  const dataDir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  const warehouse = await connectWarehouse({ dataDir, clickhouseUser: 'default', clickhousePassword: '' });
  await migrateRaw(warehouse);
  return {
    warehouse,
    dataDir,
    async remove() {
      await closeWarehouse(warehouse);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function simulatedWarehouse(name: string, simulation: { seed: number; scale: number; until: string }): Promise<SimulatedWarehouse> {
  const simulated = await temporaryWarehouse(name);
  await ingestMessages(simulated.warehouse, debeziumMessages(simulate(simulation)), { source: 'simulator' });
  await buildModels(simulated.warehouse);
  return simulated;
}

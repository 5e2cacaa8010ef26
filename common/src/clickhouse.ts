// One way to reach the warehouse for every part: a ClickHouse server by URL in production, or chDB
// (the same engine, in-process) under the data directory. The SQL is the same for both.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { AppConfig } from './config.js';
import { ChdbConnectionPool, type ChdbConnection } from './chdb-pool.js';

export type Warehouse = ClickHouseClient;

/** A Tuple query parameter, as the client binds it for a server and inline-parameters.ts writes it for chDB. */
export { TupleParam } from '@clickhouse/client';

/**
 * Queries the embedded warehouse runs at once (a refresh, an API request, an ingest write). Each
 * running chDB query holds one of libuv's four threads, which file reads and DNS lookups also need:
 * three leave one free.
 */
const embeddedConnections = 3;

/** Settings of every query, against a server or embedded: dates are read as best_effort everywhere. */
const querySettings = { date_time_input_format: 'best_effort' } as const;

/**
 * Settings every embedded query states besides: chdb SETs a query's settings on its connection and
 * they stay (chdb-pool.ts), so each setting some query changes is restated by all, at chDB's defaults.
 */
const embeddedSettings = { ...querySettings, output_format_json_quote_64bit_integers: 0, mutations_sync: '1' } as const;

/** chDB binds one data directory per process, so the embedded client is shared process-wide. */
let embedded: { dir: string; client: ClickHouseClient } | undefined;

export async function connectWarehouse(config: Pick<AppConfig, 'clickhouseUrl' | 'clickhouseUser' | 'clickhousePassword' | 'dataDir'>): Promise<Warehouse> {
  if (config.clickhouseUrl) {
    return createClient({
      url: config.clickhouseUrl,
      username: config.clickhouseUser,
      password: config.clickhousePassword,
      clickhouse_settings: querySettings,
    });
  }
  const dir = path.join(config.dataDir, 'chdb');
  if (embedded) {
    if (embedded.dir !== dir) {
      throw new Error(`chDB is already open on ${embedded.dir} in this process; one process can hold one data directory`);
    }
    return embedded.client;
  }
  mkdirSync(dir, { recursive: true });
  // Loaded lazily so that a deployment against a ClickHouse server never loads the native engine.
  const { createChdbConnection } = await import('chdb/connection');
  // chdb types its connection against its own copy of @clickhouse/client-common; the shapes are the
  // same at runtime, so the cast only bridges the two declaration copies.
  const connection = new ChdbConnectionPool(() => createChdbConnection({ path: dir }) as unknown as ChdbConnection, embeddedConnections);
  const client = createClient({
    connection,
    clickhouse_settings: embeddedSettings,
  });
  embedded = { dir, client };
  return client;
}

export async function closeWarehouse(client: Warehouse): Promise<void> {
  if (embedded?.client === client) embedded = undefined;
  await client.close();
}

/** Runs a query and returns its rows as objects. */
export async function queryRows<T>(client: Warehouse, query: string, params: Record<string, unknown> = {}, queryId?: string): Promise<T[]> {
  const result = await client.query({ query, query_params: params, format: 'JSONEachRow', query_id: queryId });
  return result.json<T>();
}

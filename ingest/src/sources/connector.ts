// Registers the Debezium connector (infra/kafka/debezium-eoffice.json) with a Kafka Connect worker
// through its REST API, filling in the ${VARIABLES} of the file. PUT …/config is idempotent: the
// same call creates the connector or updates it.
import { readFileSync } from 'node:fs';
import pg from 'pg';

/** The connector file the tests register; CONNECTOR_CONFIG may name a copy (a mounted ConfigMap). */
const configFile = process.env['CONNECTOR_CONFIG'] ?? new URL('../../../infra/kafka/debezium-eoffice.json', import.meta.url);

export interface ConnectorVariables {
  PGHOST: string; PGPORT: string; PGUSER: string; PGPASSWORD: string; PGDATABASE: string; KAFKA_BOOTSTRAP: string;
}

export function connectorConfig(vars: ConnectorVariables): { name: string; config: Record<string, string> } {
  const text = readFileSync(configFile, 'utf8').replace(/\$\{(\w+)\}/g, (_whole, name: string) => {
    const value = (vars as unknown as Record<string, string>)[name];
    if (value === undefined) throw new Error(`debezium-eoffice.json needs \${${name}}`);
    return JSON.stringify(value).slice(1, -1);
  });
  return JSON.parse(text) as { name: string; config: Record<string, string> };
}

/**
 * `overrides` replace settings of the file, e.g. `{ 'snapshot.mode': 'no_data' }` when the first
 * load is made by ClickHouse reading PostgreSQL directly (see `copyFromPostgres`).
 */
export async function registerConnector(connectUrl: string, vars: ConnectorVariables, overrides: Record<string, string> = {}): Promise<void> {
  const { name, config: fromFile } = connectorConfig(vars);
  const config = { ...fromFile, ...overrides };
  const response = await fetch(`${connectUrl}/connectors/${name}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  });
  if (!response.ok) throw new Error(`Kafka Connect refused the connector: ${response.status} ${await response.text()}`);
}

export interface ConnectorStatus { connector: { state: string }; tasks: { id: number; state: string; trace?: string }[] }

export async function connectorStatus(connectUrl: string, name = 'eoffice'): Promise<ConnectorStatus | undefined> {
  const response = await fetch(`${connectUrl}/connectors/${name}/status`);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new Error(`Kafka Connect status: ${response.status} ${await response.text()}`);
  return (await response.json()) as ConnectorStatus;
}

/**
 * Where the connector's replication slot stands (its confirmed_flush_lsn): a bulk first load copies
 * the tables at this position (`copyFromPostgres`), and the stream carries on from it.
 */
export async function connectorSlotPosition(databaseUrl: string): Promise<string> {
  const source = new pg.Client({ connectionString: databaseUrl });
  await source.connect();
  try {
    const { rows } = await source.query<{ lsn: string }>(
      "select confirmed_flush_lsn::text as lsn from pg_replication_slots where slot_name = 'vanban_debezium'");
    if (!rows[0]) throw new Error('the connector has no replication slot yet (vanban_debezium): is it running?');
    return rows[0].lsn;
  } finally {
    await source.end();
  }
}

/** Waits until the connector's task runs (after registering it: Connect starts it asynchronously). */
export async function connectorRunning(connectUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await connectorStatus(connectUrl))?.tasks[0]?.state !== 'RUNNING') {
    if (Date.now() > deadline) throw new Error(`the connector did not start within ${timeoutMs / 1000} s; see Kafka Connect's log`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

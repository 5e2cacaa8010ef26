// Reads every source table from PostgreSQL and from the warehouse's raw tables (current state) and
// normalises both to the same JS values, so tests can check warehouse = source row by row.
// Secret documents and their children are left out on the source side: they must never reach the warehouse.
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { queryRows, type Warehouse } from '@vanban/common';
import { snapshotCondition, sourceTables, type ColumnSpec, type SourceTable } from '@vanban/ingest';

type Value = string | number | boolean | null;

function normalise(column: ColumnSpec, value: unknown): Value {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'int8':
    case 'int4':
      return Number(value);
    case 'bool':
      return value === true || value === 1 || value === '1' || value === 'true';
    case 'date':
      return String(value).slice(0, 10);
    case 'timestamptz': {
      // PostgreSQL: ISO with an offset; ClickHouse: "YYYY-MM-DD hh:mm:ss.ffffff" in UTC.
      const text = String(value);
      return Date.parse(/[zZ]|[+-]\d\d(:?\d\d)?$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
    }
    case 'text':
      return String(value);
  }
}

function rowsOf(table: SourceTable, rows: Record<string, unknown>[]): string[] {
  return rows.map((row) => JSON.stringify(sourceTables[table].map((column) => normalise(column, row[column.name]))));
}

export async function sourceState(url: string): Promise<Map<SourceTable, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const out = new Map<SourceTable, string[]>();
    for (const table of Object.keys(sourceTables) as SourceTable[]) {
      const condition = snapshotCondition(table);
      const { rows } = await client.query<{ r: Record<string, unknown> }>(
        `select row_to_json(${table}) as r from eoffice.${table} ${condition ? `where ${condition}` : ''} order by id`);
      out.set(table, rowsOf(table, rows.map((row) => row.r)));
    }
    return out;
  } finally {
    await client.end();
  }
}

export async function warehouseState(warehouse: Warehouse): Promise<Map<SourceTable, string[]>> {
  const out = new Map<SourceTable, string[]>();
  for (const table of Object.keys(sourceTables) as SourceTable[]) {
    const rows = await queryRows<Record<string, unknown>>(warehouse, `select * from eoffice_raw.${table} final order by id`);
    out.set(table, rowsOf(table, rows));
  }
  return out;
}

/** Row counts per table, cheap enough to poll while waiting for the pipeline to catch up. */
export async function warehouseCounts(warehouse: Warehouse): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of Object.keys(sourceTables)) {
    const [row] = await queryRows<{ n: string }>(warehouse, `select count() as n from eoffice_raw.${table} final`);
    out[table] = Number(row!.n);
  }
  return out;
}

/**
 * Waits until the warehouse holds what the source holds, then checks every row: first the current
 * rows per table (cheap to poll), then their content, also polled, since equal counts do not mean
 * equal rows: the last changes may be updates of rows already there (a completion, a dispatch's
 * status, a work file closed) that land in a later batch than the last insert. Fails with both sets
 * of counts, or the first table that differs, when the pipeline does not catch up in time.
 */
export async function assertWarehouseEqualsSource(url: string, warehouse: Warehouse, timeoutMs: number): Promise<void> {
  const expected = await sourceState(url);
  const expectedCounts = Object.fromEntries([...expected].map(([table, rows]) => [table, rows.length]));
  assert.ok(expectedCounts['incoming_document']! > 0, 'the source holds documents');
  const deadline = Date.now() + timeoutMs;
  const pause = () => new Promise((resolve) => setTimeout(resolve, 1000));
  let counts = await warehouseCounts(warehouse);
  while (!isDeepStrictEqual(counts, expectedCounts) && Date.now() < deadline) {
    await pause();
    counts = await warehouseCounts(warehouse);
  }
  assert.deepEqual(counts, expectedCounts, 'current rows per table, warehouse vs source');
  let actual = await warehouseState(warehouse);
  while (!isDeepStrictEqual(actual, expected) && Date.now() < deadline) {
    await pause();
    actual = await warehouseState(warehouse);
  }
  for (const [table, rows] of expected) assert.deepEqual(actual.get(table), rows, `${table} differs from the source`);
}

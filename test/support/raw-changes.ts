// Changes written into the raw tables as ingest writes them, for the property test of the
// incremental models and the refresh benchmark: a new version of a row is a new row with a higher
// _version (or, for a replay, a lower one, which loses), _ingested_at now; a delete is a version with
// _is_deleted = 1. Agencies are written to agency_history too, as ingest does.
import { queryRows, type Warehouse } from '@vanban/common';

/**
 * Writes a new version of the current rows of `table` that match `where`, changed by `replace`
 * (column → SQL expression over the row). Returns how many rows were written.
 */
export async function rewriteRaw(
  warehouse: Warehouse, table: string, where: string, replace: Record<string, string>, version: 'newer' | 'older' = 'newer',
): Promise<number> {
  const columns = (await queryRows<{ name: string }>(warehouse,
    "select name from system.columns where database = 'eoffice_raw' and table = {table:String} and name != '_ingested_at' order by position", { table })).map((c) => c.name);
  const [{ top } = { top: '0' }] = await queryRows<{ top: string }>(warehouse, `select toString(max(_version)) as top from eoffice_raw.${table}`);
  const versionExpr = version === 'newer' ? `toUInt64(${top}) + 1 + rowNumberInAllBlocks()` : '_version - 1';
  const select = columns.map((c) => (c === '_version' ? `${versionExpr} as _version` : replace[c] ? `${replace[c]} as ${c}` : c));
  const [{ n } = { n: '0' }] = await queryRows<{ n: string }>(warehouse, `select toString(count()) as n from eoffice_raw.${table} final where ${where}`);
  if (Number(n) === 0) return 0;
  // Both inserts read the current rows of `table`: agency_history first, so that it gets the very
  // version agency gets (the other way round it read agency's new version and changed it twice).
  for (const target of table === 'agency' ? ['agency_history', 'agency'] : [table]) {
    await warehouse.command({ query: `insert into eoffice_raw.${target} (${columns.join(', ')}) select ${select.join(', ')} from eoffice_raw.${table} final where ${where}` });
  }
  return Number(n);
}

// No trace of a secret document: the facts the models derived from a document that turned secret
// are purged with its raw rows. The models keep their facts incrementally (dbt/INCREMENTAL.md), so
// a superseded row stays on disk until ClickHouse merges it; a purge removes every stored version
// at once. The refresher purges the same documents again after its next build, for a build that read
// the raw tables just before this purge and wrote after it.
import { queryRows, type Warehouse } from '@vanban/common';
import type { DocumentTable } from '../source-tables.js';

/** Documents that turned secret, by source table. */
export type PurgedDocuments = { table: DocumentTable; ids: number[] }[];

/**
 * The model tables that copy a document: the column that names it (`kind`: the condition that
 * says which documents that column names, where a table holds both kinds) and, for the facts whose
 * cohorts int_agency_cohort_daily keeps, the date that keys their rows (from the dbt models, never
 * from input).
 */
const documentFacts: Record<DocumentTable, { table: string; column: string; kind?: string; keyedBy?: string }[]> = {
  incoming_document: [
    { table: 'fct_incoming_document', column: 'incoming_id', keyedBy: 'received_date' }, { table: 'fct_incoming_assignment', column: 'incoming_id' },
    { table: 'int_incoming_step_log', column: 'incoming_id' },
    { table: 'dq_outside_calendar', column: 'document_id', kind: "document = 'incoming'" },
  ],
  outgoing_document: [
    { table: 'fct_outgoing_document', column: 'outgoing_id', keyedBy: 'drafted_date' }, { table: 'fct_dispatch', column: 'outgoing_id', keyedBy: 'sent_date' },
    { table: 'dq_outside_calendar', column: 'document_id', kind: "document = 'outgoing'" },
  ],
};

export async function purgeDocumentFacts(client: Warehouse, purged: PurgedDocuments, queryId: string): Promise<void> {
  for (const { table: documentTable, ids } of purged) {
    if (ids.length === 0) continue;
    if (documentTable === 'outgoing_document') await touchDeliveredDocuments(client, ids);
    for (const { table, column, kind, keyedBy } of documentFacts[documentTable]) {
      const rows = `${column} in {ids:Array(Int64)}${kind ? ` and ${kind}` : ''}`;
      // Counted first (and absent before the first build): a mutation rewrites every part it matches.
      const [row] = await queryRows<{ n: string }>(client,
        `select toString(count()) as n from system.tables where database = 'analytics' and name = {table:String}`, { table });
      if (Number(row?.n) === 0) continue;
      const [held] = await queryRows<{ n: string }>(client, `select toString(count()) as n from analytics.${table} where ${rows}`, { ids });
      if (Number(held?.n) === 0) continue;
      // The places first: the figures the document added to its cohorts are re-derived from them.
      if (keyedBy) {
        await client.command({
          query: `insert into eoffice_raw._purged_facts (fact, agency_id, day, _version)
                  select distinct {table:String}, agency_id, ${keyedBy}, toUInt64(toUnixTimestamp64Nano(now64(9))) from analytics.${table} where ${rows}`,
          query_params: { table, ids },
        });
      }
      await client.command({
        query: `alter table analytics.${table} delete where ${rows}`,
        query_params: { ids },
        clickhouse_settings: { mutations_sync: '2' },
        query_id: `purge-facts-${queryId}-${table}`,
      });
    }
  }
}

/**
 * The incoming documents delivered by the dispatches of outgoing documents that turned secret: their
 * delivery time (fct_incoming_document, kpi.md Where documents wait) was read from a dispatch that is
 * now gone. Their current raw row is written again, the same source version with a new _ingested_at,
 * so the next build re-derives them as it would any arrival (a repeated version changes nothing
 * else: the raw tables keep one row per version). Read before fct_dispatch is purged, which names them.
 */
async function touchDeliveredDocuments(client: Warehouse, outgoingIds: number[]): Promise<void> {
  const [table] = await queryRows<{ n: string }>(client,
    "select toString(count()) as n from system.tables where database = 'analytics' and name = 'fct_dispatch'");
  if (Number(table?.n) === 0) return;
  await client.command({
    query: `insert into eoffice_raw.incoming_document
            select * replace (now64(3) as _ingested_at) from eoffice_raw.incoming_document final
            where from_dispatch_id in (select dispatch_id from analytics.fct_dispatch where outgoing_id in {ids:Array(Int64)})`,
    query_params: { ids: outgoingIds },
  });
}

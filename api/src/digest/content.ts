// What one digest says for one scope and one working day: the documents due soon, those that fell
// overdue since the last digest, those nobody was assigned, and the agencies whose backlog grew.
// Every list is read through the same queries as the API's (/api/v1/documents/open with its
// filters, /api/v1/kpis/breakdown), so the message's figures are the ones the portal shows.
import type { Warehouse } from '@vanban/common';
import { openDocuments, type OpenDocument, type OpenDocumentsQuery } from '../documents/open-documents.js';
import { kpiBreakdown, type BreakdownRow } from '../kpi/breakdown.js';
import type { KpiSummary } from '../kpi/kpi-summary.js';

export interface DocumentList {
  /** Every matching document of the scope; `documents` holds the first of them, most overdue first. */
  total: number;
  documents: OpenDocument[];
}

export interface BacklogChange { code: string; name: string; open_before: number; open_now: number }

export interface DigestContent {
  agency: KpiSummary['agency'];
  /** The working day the digest is for (A). */
  day: string;
  /** The day of the previous digest: "newly overdue" and "backlog grew" are measured from it. */
  since: string;
  data_as_of: string | null;
  due_soon: DocumentList;
  newly_overdue: DocumentList;
  unassigned: DocumentList;
  /** Rows of the scope's breakdown (its own register and each child's subtree) whose open documents grew, most growth first. */
  backlog_grew: BacklogChange[];
}

/** The figures a sent message carried, as recorded in the delivery log. */
export const digestFigures = (content: DigestContent) => ({
  agency: content.agency.code, day: content.day, since: content.since, data_as_of: content.data_as_of,
  due_soon: content.due_soon.total, newly_overdue: content.newly_overdue.total, unassigned: content.unassigned.total,
  backlog_grew: content.backlog_grew.map((row) => ({ code: row.code, open_before: row.open_before, open_now: row.open_now })),
});

export async function digestContent(client: Warehouse, agency: string, day: string, since: string, listed: number): Promise<DigestContent> {
  const list = (filter: Partial<OpenDocumentsQuery>) =>
    openDocuments(client, { agency, scope: 'subtree', overdue: false, page: 1, page_size: listed, ...filter }, day);
  // One after another: the embedded warehouse runs one query at a time anyway, and a server is spared bursts.
  const dueSoon = await list({ due_soon: true });
  const newlyOverdue = await list({ overdue: true, due_from: since });
  const unassigned = await list({ unassigned: true });
  const backlog = await backlogGrowth(client, agency, since, day);
  const documentList = ({ total, documents }: DocumentList): DocumentList => ({ total, documents });
  return {
    agency: dueSoon.agency, day, since, data_as_of: dueSoon.data_as_of,
    due_soon: documentList(dueSoon), newly_overdue: documentList(newlyOverdue), unassigned: documentList(unassigned), backlog_grew: backlog,
  };
}

/** Open documents (kpi.md open_on_time + open_overdue) of each breakdown row at `since` and at `day`, today's structure (as_is). */
async function backlogGrowth(client: Warehouse, agency: string, since: string, day: string): Promise<BacklogChange[]> {
  const openOn = async (date: string) => {
    const answer = await kpiBreakdown(client, { agency, from: date, to: date, view: 'as_is', rank_by: 'on_time_rate', min_volume: 0 }, day);
    return new Map(answer.children.filter((row) => row.row !== 'rest').map((row) => [row.agency.code, { row, open: openOf(row) }]));
  };
  const before = await openOn(since);
  const now = await openOn(day);
  return [...now.values()]
    .map(({ row, open }) => ({ code: row.agency.code, name: row.agency.name, open_before: before.get(row.agency.code)?.open ?? 0, open_now: open }))
    .filter((change) => change.open_now > change.open_before)
    .sort((a, b) => (b.open_now - b.open_before) - (a.open_now - a.open_before) || a.code.localeCompare(b.code));
}

const openOf = (row: BreakdownRow) => row.kpis.incoming.open_on_time + row.kpis.incoming.open_overdue;

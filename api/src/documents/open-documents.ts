// Open and overdue incoming documents down to the unit and the person who must handle them ("rõ
// người, rõ việc"), one page at a time. Person-level data: the route writes every read to the audit log.
import { readSql, type Warehouse } from '@vanban/common';
import { checkDate, type AgencyKind } from '../kpi/periods.js';
import { dataAsOf, resolveScope, type KpiSummary, type Scope } from '../kpi/kpi-summary.js';

export interface OpenDocumentsQuery {
  agency: string;
  scope: Scope;
  overdue: boolean;
  /** Only those due within three working days (kpi.md open_due_soon). */
  due_soon?: boolean;
  /** Only those nobody was assigned to handle by the as-of date (chưa giao xử lý). */
  unassigned?: boolean;
  /** Only those due on or after this day: with `overdue`, the ones that fell overdue since then. */
  due_from?: string;
  /** Only documents of this urgency (thường, khẩn, thượng khẩn, hỏa tốc). */
  urgency?: Urgency;
  /** Only documents received by an agency of this kind (its own kind in the agency tree). */
  kind?: AgencyKind;
  /** `most_overdue` (default): oldest deadline first; `newest_overdue`: the latest deadline first. */
  order?: OpenDocumentsOrder;
  page: number;
  page_size: number;
}

export const urgencies = ['normal', 'urgent', 'very_urgent', 'flash'] as const;
export type Urgency = (typeof urgencies)[number];
export const agencyKinds = ['city', 'department', 'district', 'commune', 'other'] as const satisfies readonly AgencyKind[];
export const openDocumentsOrders = ['most_overdue', 'newest_overdue'] as const;
export type OpenDocumentsOrder = (typeof openDocumentsOrders)[number];

export interface Assignee {
  role: string;
  status: string;
  unit: string | null;
  staff_name: string | null;
  staff_position: string | null;
  due_date: string | null;
}

export interface OpenDocument {
  /** The receiving agency; the units named in `assignees` are its own. */
  agency_code: string;
  agency_name: string;
  agency_kind: string;
  reg_number: number;
  source_notation: string;
  issuer_name: string;
  summary: string;
  received_date: string;
  due_date: string | null;
  days_overdue: number;
  urgency: string;
  status: string;
  assignees: Assignee[];
}

export interface OpenDocuments {
  agency: KpiSummary['agency'];
  scope: Scope;
  as_of: string;
  data_as_of: string | null;
  overdue_only: boolean;
  /** The narrowing and order applied, as understood (null: not narrowed). */
  filters: { urgency: Urgency | null; kind: AgencyKind | null; order: OpenDocumentsOrder };
  total: number;
  page: number;
  page_size: number;
  documents: OpenDocument[];
}

type Row = Omit<OpenDocument, 'assignees'> & { total: number; assignees: [string, string, string | null, string | null, string | null, string | null][] };

const openSql = readSql(new URL('./open_documents.sql', import.meta.url));

export async function openDocuments(client: Warehouse, query: OpenDocumentsQuery, today: string): Promise<OpenDocuments> {
  if (query.due_from !== undefined) checkDate('due_from', query.due_from);
  const agency = await resolveScope(client, query.agency, query.scope, today);
  const result = await client.query({
    query: openSql,
    query_params: {
      agencies: agency.scope_agency_ids,
      as_of: today,
      overdue_only: query.overdue,
      due_soon_only: query.due_soon ?? false,
      unassigned_only: query.unassigned ?? false,
      due_from: query.due_from ?? null,
      urgencies: query.urgency ? [query.urgency] : [],
      kinds: query.kind ? [query.kind] : [],
      newest_first: query.order === 'newest_overdue',
      limit: query.page_size,
      offset: (query.page - 1) * query.page_size,
    },
    format: 'JSONEachRow',
    clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
  });
  const rows = await result.json<Row>();
  // An empty page still needs the total: ask once more, without the page (rare: past the last page).
  const total = rows[0]?.total ?? (query.page > 1 ? (await openDocuments(client, { ...query, page: 1, page_size: 1 }, today)).total : 0);
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    as_of: today,
    data_as_of: await dataAsOf(client),
    overdue_only: query.overdue,
    filters: { urgency: query.urgency ?? null, kind: query.kind ?? null, order: query.order ?? 'most_overdue' },
    total: Number(total),
    page: query.page,
    page_size: query.page_size,
    documents: rows.map(({ total: _total, assignees, ...document }) => ({
      ...document,
      reg_number: Number(document.reg_number),
      assignees: assignees.map(([role, status, unit, staff_name, staff_position, due_date]) => ({ role, status, unit, staff_name, staff_position, due_date })),
    })),
  };
}

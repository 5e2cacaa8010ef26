// Who holds the open documents: per unit and per person (lead assignments still pending or in
// progress), open and overdue counts, the heaviest first. Person-level: the route audits each read.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { dataAsOf, resolveScope, type KpiSummary, type Scope } from '../kpi/kpi-summary.js';

/** A unit (or a person in it) of one agency: units of different agencies are never added up by name. */
export interface WorkloadRow { agency_code: string; agency_name: string; unit: string; staff: string; open: number; overdue: number }

export interface Workload {
  agency: KpiSummary['agency'];
  scope: Scope;
  as_of: string;
  data_as_of: string | null;
  units: Omit<WorkloadRow, 'staff'>[];
  staff: WorkloadRow[];
}

const workloadSql = readSql(new URL('./workload.sql', import.meta.url));

export async function workload(client: Warehouse, query: { agency: string; scope: Scope; limit: number }, today: string): Promise<Workload> {
  const agency = await resolveScope(client, query.agency, query.scope, today);
  const rows = await queryRows<WorkloadRow & { level: 'unit' | 'staff' }>(client, workloadSql, { agencies: agency.scope_agency_ids, as_of: today, limit: query.limit });
  const shape = ({ level: _level, ...row }: WorkloadRow & { level: string }) => ({ ...row, open: Number(row.open), overdue: Number(row.overdue) });
  return {
    agency: { code: agency.code, name: agency.name, kind: agency.kind, ended: Boolean(agency.is_ended) },
    scope: query.scope,
    as_of: today,
    data_as_of: await dataAsOf(client),
    units: rows.filter((r) => r.level === 'unit').map(shape).map(({ staff: _staff, ...unit }) => unit),
    staff: rows.filter((r) => r.level === 'staff').map(shape),
  };
}

// The agency tree at a date (as_was: the structure of that day) or today (as_is: the structure that
// documents are counted against), flattened in tree order with each node's depth, so a client can
// draw it without a recursive schema.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import type { View } from '../kpi/kpi-summary.js';
import type { AgencyKind } from '../kpi/periods.js';
import { absorbedBy, loadAgencyStructure } from '../kpi/structure.js';

export interface AgencyNode {
  code: string;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  /** Official administrative-unit code of a district or commune (joins the map outlines); null otherwise. */
  admin_unit_code: string | null;
  parent_code: string | null;
  depth: number;
  valid_from: string;
  valid_to: string | null;
  predecessors: string[];
  successors: string[];
  absorbed: string[];
}

export interface AgencyTree { date: string; view: View; agencies: AgencyNode[] }

const treeSql = readSql(new URL('./agency_tree.sql', import.meta.url));

export async function agencyTree(client: Warehouse, view: View, date: string, today: string): Promise<AgencyTree> {
  const on = view === 'as_is' ? today : date;
  const [listed, structure] = await Promise.all([
    queryRows<Omit<AgencyNode, 'depth' | 'absorbed'> & { agency_key: number | string }>(client, treeSql, { date: on }),
    loadAgencyStructure(client),
  ]);
  // The ended agencies whose documents count for each agency in as_is today (successions in effect).
  const absorbed = absorbedBy(structure, today);
  const rows: Omit<AgencyNode, 'depth'>[] = listed.map(({ agency_key, ...row }) => ({
    ...row,
    absorbed: (absorbed.get(Number(agency_key)) ?? []).map((a) => a.code).sort(),
  }));
  const present = new Set(rows.map((row) => row.code));
  const children = new Map<string | null, Omit<AgencyNode, 'depth'>[]>();
  for (const row of rows) {
    // A parent that does not exist that day makes its children roots rather than losing them.
    const parent = row.parent_code !== null && present.has(row.parent_code) ? row.parent_code : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const agencies: AgencyNode[] = [];
  const visit = (parent: string | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      agencies.push({ ...row, depth });
      visit(row.code, depth + 1);
    }
  };
  visit(null, 0);
  return { date: on, view, agencies };
}

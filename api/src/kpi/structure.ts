// The agency structure as it stands on a given day, resolved at query time (kpi.md, "Scope and
// structure" and "Grouped views"): a succession applies from its effective_date, an agency is ended
// from the day after its valid_to, and today moves, so neither can be baked into the warehouse at
// build time. dim_agency holds a few hundred rows; they are read once per build (keyed on the
// build's data_as_of, or for a minute when the caller has none) and every answer is computed here.
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import { dateOfDay, dayOf, type AgencyKind } from './periods.js';

export interface StructureAgency {
  id: number;
  code: string;
  name: string;
  kind: AgencyKind;
  parentId: number | null;
  /** Itself and every agency above it through parent_id, at any depth, and the city. */
  ancestorIds: number[];
  validFrom: string;
  /** Last day the agency exists; null while it exists. */
  validTo: string | null;
  /** The successor that takes over its records (the primary succession row), if any. */
  primarySuccessorId: number | null;
  /** The first day of that successor's responsibility. */
  successionFrom: string | null;
  /**
   * Its versions (dim_agency_history), oldest first: the first day each held (the first one from
   * 1900-01-01) with the parent, kind and name of those days. Empty when the warehouse has none;
   * the agency as it stands then holds for every day.
   */
  versions: AgencyVersion[];
}

export interface AgencyVersion { from: string; parentId: number | null; kind: AgencyKind; name: string }

export interface AgencyStructure {
  byId: ReadonlyMap<number, StructureAgency>;
  byCode: ReadonlyMap<string, StructureAgency>;
}

interface StructureRow {
  agency_id: number | string; code: string; name: string; kind: AgencyKind; parent_id: number | string | null;
  ancestor_ids: (number | string)[]; valid_from: string; valid_to: string;
  primary_successor_id: number | string | null; succession_effective_date: string;
  /** [first day, parent_id, kind, name], oldest first. */
  versions?: [string, number | string | null, AgencyKind, string][];
}

const structureSql = readSql(new URL('./structure.sql', import.meta.url));
const ttlMs = 60_000;
const cache = new WeakMap<Warehouse, { version: string | null | undefined; at: number; structure: Promise<AgencyStructure> }>();

/**
 * The structure as the warehouse holds it. `version` (the build's data_as_of) reloads it as soon as
 * a new build is read; without one, a copy at most a minute old is used.
 */
export function loadAgencyStructure(client: Warehouse, version?: string | null): Promise<AgencyStructure> {
  const cached = cache.get(client);
  const fresh = cached && (version !== undefined && cached.version !== undefined ? cached.version === version : Date.now() - cached.at < ttlMs);
  if (cached && fresh) return cached.structure;
  const structure = queryRows<StructureRow>(client, structureSql).then(toStructure);
  cache.set(client, { version, at: Date.now(), structure });
  // A failed read is not kept: the next request tries again.
  structure.catch(() => { if (cache.get(client)?.structure === structure) cache.delete(client); });
  return structure;
}

export function toStructure(rows: StructureRow[]): AgencyStructure {
  const byId = new Map<number, StructureAgency>();
  const byCode = new Map<string, StructureAgency>();
  for (const row of rows) {
    const agency: StructureAgency = {
      id: Number(row.agency_id), code: row.code, name: row.name, kind: row.kind,
      parentId: row.parent_id === null ? null : Number(row.parent_id),
      ancestorIds: row.ancestor_ids.map(Number),
      validFrom: row.valid_from, validTo: row.valid_to === '' ? null : row.valid_to,
      primarySuccessorId: row.primary_successor_id === null ? null : Number(row.primary_successor_id),
      successionFrom: row.succession_effective_date === '' ? null : row.succession_effective_date,
      versions: (row.versions ?? []).map(([from, parentId, kind, name]) => ({ from, parentId: parentId === null ? null : Number(parentId), kind, name })),
    };
    byId.set(agency.id, agency);
    byCode.set(agency.code, agency);
  }
  return { byId, byCode };
}

const byDay = new WeakMap<AgencyStructure, Map<string, AgencyStructure>>();
const memoisedDays = 64;

/** The version an agency held on `day`: the last one begun by then (the first stands for earlier days). */
function versionOn(agency: StructureAgency, day: string): AgencyVersion | undefined {
  let held = agency.versions[0];
  for (const version of agency.versions) if (version.from <= day) held = version;
  return held;
}

/**
 * The structure of `day` (as_was: kpi.md, agencies and their parents are taken as of each
 * document's date): every agency with the parent, kind and name of its version of that day, and its
 * ancestors walked again from those parents (the city, of kind `city` without a parent, above all).
 * Codes, validity and successions are the agency's own. Memoised per structure and day.
 */
export function structureOn(structure: AgencyStructure, day: string): AgencyStructure {
  let days = byDay.get(structure);
  if (!days) byDay.set(structure, (days = new Map()));
  const known = days.get(day);
  if (known) {
    days.delete(day);
    days.set(day, known);
    return known;
  }
  const placed = new Map<number, StructureAgency>();
  for (const agency of structure.byId.values()) {
    const version = versionOn(agency, day);
    placed.set(agency.id, version ? { ...agency, parentId: version.parentId, kind: version.kind, name: version.name } : { ...agency });
  }
  const cities = [...placed.values()].filter((a) => a.kind === 'city' && a.parentId === null).map((a) => a.id);
  for (const agency of placed.values()) {
    const chain: number[] = [];
    for (let at: StructureAgency | undefined = agency; at && !chain.includes(at.id); at = at.parentId === null ? undefined : placed.get(at.parentId)) chain.push(at.id);
    agency.ancestorIds = [...new Set([...chain, ...cities])];
  }
  const result: AgencyStructure = { byId: placed, byCode: new Map([...placed.values()].map((a) => [a.code, a])) };
  days.set(day, result);
  // A few hundred agencies a day: the days asked for most recently are kept, not every date a caller names.
  if (days.size > memoisedDays) days.delete(days.keys().next().value!);
  return result;
}

/**
 * [from, to] cut at each day on which some agency's parent or kind changes (a renaming does not
 * move a document): within a piece every agency sits in one place. One piece when nothing moved.
 */
export function stablePieces(structure: AgencyStructure, from: string, to: string): { from: string; to: string }[] {
  const cuts = new Set<string>();
  for (const agency of structure.byId.values()) {
    agency.versions.forEach((version, i) => {
      const before = agency.versions[i - 1];
      if (before && version.from > from && version.from <= to && (before.parentId !== version.parentId || before.kind !== version.kind)) cuts.add(version.from);
    });
  }
  const starts = [from, ...[...cuts].sort()];
  return starts.map((start, i) => ({ from: start, to: i + 1 < starts.length ? dateOfDay(dayOf(starts[i + 1]!) - 1) : to }));
}

/** Ended on `today`: from the day after its valid_to (kpi.md). */
export function isEndedOn(agency: StructureAgency, today: string): boolean {
  return agency.validTo !== null && agency.validTo < today;
}

/**
 * The agency whose figures an agency's documents count for in view as_is on `today`: its primary
 * successor once that succession is in effect (effective_date ≤ today), followed to the end of the
 * chain; itself when it has none in effect (an agency ended without a successor keeps its figures).
 */
export function currentAgencyOn(structure: AgencyStructure, id: number, today: string): number {
  const seen = new Set<number>();
  let at = id;
  for (;;) {
    seen.add(at);
    const agency = structure.byId.get(at);
    const next = agency?.primarySuccessorId;
    // A succession with no date recorded applies (nothing says it has not happened yet).
    if (next === null || next === undefined || (agency!.successionFrom !== null && agency!.successionFrom > today)) return at;
    if (seen.has(next)) return at; // a cycle in the source: stop where it closes
    at = next;
  }
}

const mappings = new WeakMap<AgencyStructure, Map<string, ReadonlyMap<number, number>>>();

/** Where the figures of the queries in this folder are read, and for which agencies and groups. */
export interface FiguresTable { daily: 'agg_agency_daily' | 'agg_city_daily'; agencies: number[]; groups: number[] }

/**
 * agg_city_daily's rows (every agency added up: 12 rows for a year instead of a few thousand) when
 * the agencies form one group and are every agency of the structure (the whole city, whatever the
 * view); otherwise agg_agency_daily's rows of those agencies.
 */
export function figuresTable(structure: AgencyStructure, agencies: number[], groups: number[]): FiguresTable {
  const everyAgency = new Set(groups).size === 1 && new Set(agencies).size === structure.byId.size && agencies.every((id) => structure.byId.has(id));
  return everyAgency ? { daily: 'agg_city_daily', agencies: [0], groups: [groups[0]!] } : { daily: 'agg_agency_daily', agencies, groups };
}

/** Every agency → the agency its documents count for in as_is on `today` (memoised per structure and day). */
export function currentAgencies(structure: AgencyStructure, today: string): ReadonlyMap<number, number> {
  let byDay = mappings.get(structure);
  if (!byDay) mappings.set(structure, (byDay = new Map()));
  let mapping = byDay.get(today);
  if (!mapping) {
    const computed = new Map<number, number>();
    for (const id of structure.byId.keys()) computed.set(id, currentAgencyOn(structure, id, today));
    byDay.set(today, (mapping = computed));
  }
  return mapping;
}

/** The agencies of `root`'s subtree through parent_id at any depth (the city's is every agency). */
export function subtreeIds(structure: AgencyStructure, rootId: number): number[] {
  const ids: number[] = [];
  for (const agency of structure.byId.values()) if (agency.ancestorIds.includes(rootId)) ids.push(agency.id);
  return ids;
}

export type CountingView = 'as_was' | 'as_is';

export interface CountedAgencies {
  /** The agencies whose documents are read (the ones that received or issued them). */
  agencies: number[];
  /** For each of them, the agency it counts for: itself in as_was, its current agency on today in as_is. */
  counted: number[];
  /** For each of them, its group. */
  groups: number[];
}

/**
 * The documents to read for disjoint groups of agencies: `members[i]` belongs to group `groups[i]`.
 * In as_was a group reads its members' own documents. In as_is the members are agencies as they
 * stand on `today`, and a group reads the documents of every agency whose chain of successions in
 * effect on `today` leads to one of its members (members that no longer stand, having passed their
 * documents on, read nothing: their documents count where they lead).
 */
export function countedAgencies(structure: AgencyStructure, members: number[], groups: number[], view: CountingView, today: string): CountedAgencies {
  if (view === 'as_was') return { agencies: [...members], counted: [...members], groups: [...groups] };
  const groupOf = new Map<number, number>();
  members.forEach((id, i) => groupOf.set(id, groups[i]!));
  const result: CountedAgencies = { agencies: [], counted: [], groups: [] };
  for (const [source, current] of currentAgencies(structure, today)) {
    const group = groupOf.get(current);
    if (group === undefined) continue;
    result.agencies.push(source);
    result.counted.push(current);
    result.groups.push(group);
  }
  return result;
}

/** The ended agencies whose documents count for each agency in as_is on `today` (absorbed). */
export function absorbedBy(structure: AgencyStructure, today: string): Map<number, StructureAgency[]> {
  const absorbed = new Map<number, StructureAgency[]>();
  for (const [source, current] of currentAgencies(structure, today)) {
    if (source === current) continue;
    absorbed.set(current, [...(absorbed.get(current) ?? []), structure.byId.get(source)!]);
  }
  return absorbed;
}

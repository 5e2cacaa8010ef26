// Hanoi's agencies from the reference data: the City People's Committee, its departments (with the
// 2025-03-01 mergers), the 30 districts and their communes until 2025-06-30 (with the 2025-01-01
// abolitions and renamings), and the 126 communes/wards from 2025-07-01 with their lineage.
// Also each agency's units and staff. Rules that the data leaves open are documented in README.md.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceChange, SourceRow } from '../source-tables.js';
import { dayNumber, localOffsetMs, msPerDay } from './calendar.js';
import { readCsv } from './csv.js';
import { leaderPositions, personName, unitNames } from './names.js';
import { Rng } from './rng.js';

export type AgencyKind = 'city' | 'department' | 'district' | 'commune';

export interface Agency {
  row: SourceRow;
  id: number;
  kind: AgencyKind;
  validFrom: number;
  validTo: number | null;
  /** Mean incoming registrations per year at scale 1 (before internal deliveries). */
  yearlyVolume: number;
  /** > 1: slower than its peers; some agencies are chronically late. */
  diligence: number;
  /** Added to the adoption curve of its kind: some agencies adopt the system earlier than others. */
  adoptionOffset: number;
  units: number[];
  leaders: number[];
  specialists: number[];
  clerks: number[];
}

/** Changes to the organisation, committed at a given time. */
export interface OrganisationEvent { timeMs: number; changes: SourceChange[] }

export interface Organisation {
  agencies: Agency[];
  byId: Map<number, Agency>;
  city: Agency;
  events: OrganisationEvent[];
  counters: { org_unit: number; staff: number };
}

export const referenceDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'reference');

const cityCode = '000.00.00.H26';
const two = (n: number) => String(n).padStart(2, '0');
const three = (n: number) => String(n).padStart(3, '0');

/** A local date and hour as an ISO-8601 UTC timestamp with microseconds. */
export function isoAt(day: number, localHour: number, minute = 0): string {
  return new Date(day * msPerDay + localHour * 3_600_000 + minute * 60_000 - localOffsetMs).toISOString().replace('Z', '000Z');
}

export function buildOrganisation(seed: number): Organisation {
  const rng = new Rng(seed, 1);
  const agencies: Agency[] = [];
  const byId = new Map<number, Agency>();
  const events: OrganisationEvent[] = [];
  const counters = { org_unit: 0, staff: 0 };
  let nextAgencyId = 1;
  let nextSuccessionId = 1;
  const start = dayNumber('2022-01-01');
  const setupMs = (dayNumber('2021-12-31')) * msPerDay + 2 * 3_600_000;

  const add = (fields: { code: string; name: string; short_name: string; kind: AgencyKind; parent: Agency | null; admin: string | null; from: number; to: number | null; volume: number }): Agency => {
    const id = nextAgencyId++;
    // Agencies created by a reorganisation are entered in the system when the decision is announced, before they start.
    const createdMs = fields.from === start ? setupMs : (fields.from - 11) * msPerDay + 2 * 3_600_000;
    const created = new Date(createdMs).toISOString().replace('Z', '000Z');
    const row: SourceRow = {
      id, code: fields.code, name: fields.name, short_name: fields.short_name, kind: fields.kind,
      parent_id: fields.parent?.id ?? null, admin_unit_code: fields.admin,
      valid_from: isoDay(fields.from), valid_to: null, created_at: created, updated_at: created,
    };
    const agency: Agency = {
      row, id, kind: fields.kind, validFrom: fields.from, validTo: fields.to,
      yearlyVolume: fields.volume * rng.logNormal(1, 0.35),
      diligence: rng.chance(0.12) ? rng.logNormal(1.9, 0.2) : rng.logNormal(1, 0.2),
      adoptionOffset: (rng.next() - 0.5) * 0.2,
      units: [], leaders: [], specialists: [], clerks: [],
    };
    agencies.push(agency);
    byId.set(id, agency);
    events.push({ timeMs: createdMs, changes: [{ table: 'agency', op: 'c', before: null, after: row }, ...staffAgency(agency, created, rng, counters)] });
    return agency;
  };

  const end = (agency: Agency, lastDay: number, announcedDay: number) => {
    const when = new Date(announcedDay * msPerDay + 3 * 3_600_000).toISOString().replace('Z', '000Z');
    const before = agency.row;
    agency.row = { ...before, valid_to: isoDay(lastDay), updated_at: when };
    agency.validTo = lastDay;
    return { table: 'agency', op: 'u', before, after: agency.row } satisfies SourceChange;
  };

  const succession = (predecessor: Agency, successor: Agency, effective: number, isPrimary: boolean, at: string): SourceChange => ({
    table: 'agency_succession', op: 'c', before: null,
    after: { id: nextSuccessionId++, predecessor_id: predecessor.id, successor_id: successor.id, effective_date: isoDay(effective), is_primary: isPrimary, created_at: at, updated_at: at },
  });

  // The City People's Committee (its Office handles the Committee's documents: one `city` agency).
  const city = add({ code: cityCode, name: 'UBND Thành phố Hà Nội', short_name: 'UBND', kind: 'city', parent: null, admin: '01', from: start, to: null, volume: 150_000 });

  // Departments, before and after the reorganisation in force on 2025-03-01.
  const departments = readCsv(path.join(referenceDir, 'hanoi', 'departments.csv')).filter((d) => d['key'] !== 'vp_ubnd');
  const departmentByKey = new Map<string, Agency>([['vp_ubnd', city]]);
  departments.forEach((d, i) => {
    const from = Math.max(start, dayNumber(d['valid_from']!));
    departmentByKey.set(d['key']!, add({
      code: `000.00.${two(i + 1)}.H26`, name: d['name']!, short_name: d['short_name']!, kind: 'department', parent: city,
      admin: null, from, to: null, volume: 60_000,
    }));
  });
  const departmentMerger: SourceChange[] = [];
  const mergerAnnounced = dayNumber('2025-02-25');
  const mergerAt = isoAt(mergerAnnounced, 10);
  for (const d of departments) {
    if (!d['valid_to']) continue;
    const agency = departmentByKey.get(d['key']!)!;
    departmentMerger.push(end(agency, dayNumber(d['valid_to']), mergerAnnounced));
    departmentMerger.push(succession(agency, departmentByKey.get(d['successor_key']!)!, dayNumber('2025-03-01'), true, mergerAt));
  }
  events.push({ timeMs: Date.parse(mergerAt), changes: departmentMerger });

  // Districts and their communes as of 2022 (unchanged since 2020 until 2024-12-31).
  const units2022 = readCsv(path.join(referenceDir, 'hanoi', 'units_2022.csv'));
  const districtByCode = new Map<string, Agency>();
  const districtNumber = new Map<string, number>();
  const communeByCode = new Map<string, Agency>();
  const communeSeq = new Map<string, number>();
  for (const unit of units2022.filter((u) => u['level'] === '2')) {
    const n = districtByCode.size + 31;
    districtNumber.set(unit['code']!, n);
    districtByCode.set(unit['code']!, add({
      code: `000.00.${two(n)}.H26`, name: `UBND ${unit['name']}`, short_name: 'UBND', kind: 'district', parent: city,
      admin: unit['code']!, from: start, to: null, volume: 45_000,
    }));
  }
  for (const unit of units2022.filter((u) => u['level'] === '3')) {
    const district = unit['parent_code']!;
    const seq = (communeSeq.get(district) ?? 0) + 1;
    communeSeq.set(district, seq);
    communeByCode.set(unit['code']!, add({
      code: `000.${two(seq)}.${two(districtNumber.get(district)!)}.H26`, name: `UBND ${unit['name']}`, short_name: 'UBND',
      kind: 'commune', parent: districtByCode.get(district)!, admin: unit['code']!, from: start, to: null, volume: 3_700,
    }));
  }

  // 2025-01-01 (NQ 1286/NQ-UBTVQH15): 53 communes abolished, 33 renamed. The code lists give no
  // successor for an abolished commune; see successorOfAbolished for the rule.
  const changes = readCsv(path.join(referenceDir, 'hanoi', 'changes_2025-01-01.csv'));
  const renamed = changes.filter((c) => c['change'] === 'renamed');
  const januaryAnnounced = dayNumber('2024-12-20');
  const januaryAt = isoAt(januaryAnnounced, 10);
  const januaryChanges: SourceChange[] = [];
  for (const change of changes.filter((c) => c['change'] === 'abolished')) {
    const abolished = communeByCode.get(change['code']!)!;
    januaryChanges.push(end(abolished, dayNumber('2024-12-31'), januaryAnnounced));
    const successorCode = successorOfAbolished(change, renamed, [...communeByCode.keys()], changes);
    januaryChanges.push(succession(abolished, communeByCode.get(successorCode)!, dayNumber('2025-01-01'), true, januaryAt));
  }
  events.push({ timeMs: Date.parse(januaryAt), changes: januaryChanges });
  const renameAt = isoAt(dayNumber('2025-01-01'), 0, 30);
  events.push({
    timeMs: Date.parse(renameAt),
    changes: renamed.map((change) => {
      const agency = communeByCode.get(change['code']!)!;
      const before = agency.row;
      agency.row = { ...before, name: `UBND ${change['name_2025_01']}`, updated_at: renameAt };
      return { table: 'agency', op: 'u', before, after: agency.row } satisfies SourceChange;
    }),
  });

  // 2025-07-01 (NQ 1656/NQ-UBTVQH15): districts dissolved, 526 communes → 126, parent = the city.
  const reformAnnounced = dayNumber('2025-06-20');
  const reformAt = isoAt(reformAnnounced, 10);
  const newByCode = new Map<string, Agency>();
  readCsv(path.join(referenceDir, 'hanoi', 'units_2025.csv')).filter((u) => u['level'] === '2').forEach((unit, i) => {
    newByCode.set(unit['code']!, add({
      code: `000.${three(i + 1)}.99.H26`, name: `UBND ${unit['name']}`, short_name: 'UBND', kind: 'commune', parent: city,
      admin: unit['code']!, from: dayNumber('2025-07-01'), to: null, volume: 27_000,
    }));
  });
  const reform: SourceChange[] = [];
  const lineage = readCsv(path.join(referenceDir, 'hanoi', 'lineage_2025.csv'));
  const byOld = new Map<string, Record<string, string>[]>();
  for (const row of lineage) byOld.set(row['old_code']!, [...(byOld.get(row['old_code']!) ?? []), row]);
  for (const [oldCode, rows] of byOld) {
    const predecessor = communeByCode.get(oldCode)!;
    const primary = primarySuccessor(oldCode, rows);
    for (const row of rows) reform.push(succession(predecessor, newByCode.get(row['new_code']!)!, dayNumber('2025-07-01'), row === primary, reformAt));
  }
  for (const agency of [...communeByCode.values(), ...districtByCode.values()]) {
    if (agency.validTo === null) reform.push(end(agency, dayNumber('2025-06-30'), reformAnnounced));
  }
  events.push({ timeMs: Date.parse(reformAt), changes: reform });

  events.sort((a, b) => a.timeMs - b.timeMs);
  return { agencies, byId, city, events, counters };
}

/**
 * Successor of a commune abolished on 2025-01-01 (the code lists do not say): the commune of the same
 * district renamed that day whose new name contains the abolished one's name (e.g. Quốc Tử Giám →
 * Văn Miếu - Quốc Tử Giám); else the renamed commune of that district with the nearest code; else
 * the nearest surviving code in the district.
 */
export function successorOfAbolished(abolished: Record<string, string>, renamed: Record<string, string>[], allCodes: string[], changes: Record<string, string>[]): string {
  const district = abolished['parent_code'];
  const bareName = abolished['name_2022']!.replace(/^(Phường|Xã|Thị trấn) /, '');
  const sameDistrict = renamed.filter((r) => r['parent_code'] === district);
  const byName = sameDistrict.find((r) => r['name_2025_01']!.includes(bareName));
  if (byName) return byName['code']!;
  const distance = (code: string) => Math.abs(Number(code) - Number(abolished['code']));
  const nearest = (codes: string[]) => codes.reduce((best, code) => (distance(code) < distance(best) ? code : best));
  if (sameDistrict.length > 0) return nearest(sameDistrict.map((r) => r['code']!));
  const gone = new Set(changes.filter((c) => c['change'] === 'abolished').map((c) => c['code']));
  const units2022 = readCsv(path.join(referenceDir, 'hanoi', 'units_2022.csv'));
  const survivors = units2022.filter((u) => u['parent_code'] === district && !gone.has(u['code']) && allCodes.includes(u['code']!)).map((u) => u['code']!);
  return nearest(survivors);
}

/**
 * The primary successor (exactly one per predecessor): the new unit that reuses the predecessor's
 * GSO code; else the one that took it whole; else the first clause (lowest khoản) that took part of
 * it with population; else the first row.
 */
export function primarySuccessor(oldCode: string, rows: Record<string, string>[]): Record<string, string> {
  const clause = (r: Record<string, string>) => Number(/khoản (\d+)/.exec(r['share_note']!)?.[1] ?? 9999);
  return rows.find((r) => r['new_code'] === oldCode)
    ?? rows.find((r) => r['share_note']!.startsWith('whole'))
    ?? [...rows].filter((r) => /^(part|part_area_all_pop) /.test(r['share_note']!)).sort((a, b) => clause(a) - clause(b))[0]
    ?? rows[0]!;
}

function isoDay(day: number): string {
  return new Date(day * msPerDay).toISOString().slice(0, 10);
}

function staffAgency(agency: Agency, at: string, rng: Rng, counters: { org_unit: number; staff: number }): SourceChange[] {
  const size = agency.kind === 'commune' && agency.validFrom >= dayNumber('2025-07-01') ? 'district' : agency.kind;
  const changes: SourceChange[] = [];
  const unitIds: number[] = [];
  for (const name of unitNames[size]!) {
    const id = ++counters.org_unit;
    unitIds.push(id);
    changes.push({ table: 'org_unit', op: 'c', before: null, after: { id, agency_id: agency.id, name, parent_unit_id: null, created_at: at, updated_at: at } });
  }
  const person = (unitId: number, position: string, role: 'leader' | 'specialist' | 'clerk') => {
    const id = ++counters.staff;
    changes.push({ table: 'staff', op: 'c', before: null, after: { id, agency_id: agency.id, unit_id: unitId, full_name: personName(rng), position, role, active: true, created_at: at, updated_at: at } });
    return id;
  };
  agency.units = unitIds.slice(1);
  agency.leaders = leaderPositions[size]!.map((position) => person(unitIds[0]!, position, 'leader'));
  for (const unitId of unitIds.slice(1)) {
    person(unitId, size === 'commune' ? 'Công chức' : 'Trưởng phòng', 'specialist');
    const perUnit = size === 'commune' ? 1 : 2;
    for (let i = 0; i < perUnit; i++) agency.specialists.push(person(unitId, 'Chuyên viên', 'specialist'));
  }
  agency.clerks = [person(unitIds[1] ?? unitIds[0]!, 'Văn thư', 'clerk')];
  return changes;
}

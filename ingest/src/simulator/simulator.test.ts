import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { SourceRow, SourceTransaction } from '../source-tables.js';
import path from 'node:path';
import { edgeCaseCodes, moverMoved, moverNames, moverRenamed, simulate } from './index.js';
import { season } from './context.js';
import { referenceDir } from './agencies.js';
import { dayNumber, WorkingCalendar } from './calendar.js';

const small = { seed: 11, scale: 0.0005, until: '2025-08-31' };
const history: SourceTransaction[] = [...simulate(small)];

function digest(transactions: Iterable<SourceTransaction>): string {
  const hash = createHash('sha256');
  for (const tx of transactions) hash.update(JSON.stringify(tx));
  return hash.digest('hex');
}

test('the same seed gives the same stream; another seed another one', () => {
  const short = { seed: 11, scale: 0.0005, until: '2022-03-31' };
  assert.equal(digest(simulate(short)), digest(simulate(short)));
  assert.notEqual(digest(simulate(short)), digest(simulate({ ...short, seed: 12 })));
});

test('commits are in strictly increasing time order', () => {
  for (let i = 1; i < history.length; i++) assert.ok(history[i - 1]!.commitTime < history[i]!.commitTime, `tx ${i}`);
});

// The state of every table after replaying the stream, checking each change against it.
const tables = new Map<string, Map<number, SourceRow>>();
for (const tx of history) {
  for (const change of tx.changes) {
    let rows = tables.get(change.table);
    if (!rows) tables.set(change.table, (rows = new Map()));
    const id = (change.after ?? change.before)!['id'] as number;
    if (change.op === 'c') assert.ok(!rows.has(id), `${change.table} ${id} inserted twice`);
    else assert.deepEqual(rows.get(id), change.before, `${change.table} ${id}: before image is the stored row`);
    if (change.op === 'd') rows.delete(id);
    else rows.set(id, change.after!);
  }
}
const rowsOf = (table: string) => [...(tables.get(table)?.values() ?? [])];

test('every reference points to an existing row', () => {
  const references: [string, string, string][] = [
    ['incoming_document', 'agency_id', 'agency'], ['assignment', 'incoming_id', 'incoming_document'],
    ['processing_log', 'incoming_id', 'incoming_document'], ['processing_log', 'outgoing_id', 'outgoing_document'],
    ['dispatch', 'outgoing_id', 'outgoing_document'], ['work_file_item', 'work_file_id', 'work_file'],
    ['staff', 'agency_id', 'agency'], ['agency_succession', 'successor_id', 'agency'], ['incoming_document', 'from_dispatch_id', 'dispatch'],
  ];
  for (const [table, column, target] of references) {
    for (const row of rowsOf(table)) {
      const ref = row[column];
      if (ref !== null) assert.ok(tables.get(target)?.has(ref as number), `${table}.${column} = ${ref} has no ${target}`);
    }
  }
});

test('Hanoi\'s agencies and the 2025 reorganisations', () => {
  const agencies = rowsOf('agency');
  const validOn = (day: string, kind: string) => agencies.filter((a) => a['kind'] === kind && (a['valid_from'] as string) <= day && (a['valid_to'] === null || (a['valid_to'] as string) >= day)).length;
  assert.equal(validOn('2022-06-01', 'commune'), 579);
  assert.equal(validOn('2025-06-30', 'commune'), 526);
  assert.equal(validOn('2025-07-01', 'commune'), 126);
  assert.equal(validOn('2024-06-01', 'district'), 30);
  assert.equal(validOn('2025-07-01', 'district'), 0);
  // departments.csv: 21 before 2025-03-01 counting the city's Office (here the city agency itself), 8 merged away, 3 new.
  assert.equal(validOn('2025-02-28', 'department'), 20);
  assert.equal(validOn('2025-03-01', 'department'), 15);
  assert.equal(new Set(agencies.map((a) => a['code'])).size, agencies.length, 'codes are unique');
  const primaries = new Map<number, number>();
  for (const s of rowsOf('agency_succession')) if (s['is_primary']) primaries.set(s['predecessor_id'] as number, (primaries.get(s['predecessor_id'] as number) ?? 0) + 1);
  const predecessors = new Set(rowsOf('agency_succession').map((s) => s['predecessor_id']));
  assert.equal(predecessors.size, 526 + 53 + 8);
  for (const p of predecessors) assert.equal(primaries.get(p as number), 1, `agency ${p} has one primary successor`);
});

test('secret documents have no child rows', () => {
  const secretIncoming = new Set(rowsOf('incoming_document').filter((d) => d['secrecy'] !== 'none').map((d) => d['id']));
  const secretOutgoing = new Set(rowsOf('outgoing_document').filter((d) => d['secrecy'] !== 'none').map((d) => d['id']));
  assert.ok(secretIncoming.size + secretOutgoing.size > 0);
  for (const a of rowsOf('assignment')) assert.ok(!secretIncoming.has(a['incoming_id']));
  for (const l of rowsOf('processing_log')) assert.ok(!secretIncoming.has(l['incoming_id']) && !secretOutgoing.has(l['outgoing_id']));
  for (const d of rowsOf('dispatch')) assert.ok(!secretOutgoing.has(d['outgoing_id']));
});

test('registers restart on 1 January and deadlines fall on working days', () => {
  const firstOfYear = new Map<string, number>();
  for (const d of rowsOf('incoming_document')) {
    const key = `${d['agency_id']}:${(d['received_at'] as string).slice(0, 4)}`;
    firstOfYear.set(key, Math.min(firstOfYear.get(key) ?? Infinity, d['reg_number'] as number));
  }
  assert.ok([...firstOfYear.values()].filter((n) => n === 1).length > firstOfYear.size * 0.9);
  const calendar = new WorkingCalendar(path.join(referenceDir, 'calendar', 'vn_calendar.csv'));
  const offDays = rowsOf('incoming_document').filter((d) => d['due_date'] !== null && !calendar.isWorkingDay(dayNumber(d['due_date'] as string)));
  assert.deepEqual(offDays.map((d) => d['due_date']), []);
});

test('Tết falls on its own date each year, read from the calendar', () => {
  const calendar = new WorkingCalendar(path.join(referenceDir, 'calendar', 'vn_calendar.csv'));
  // The lunar new year's days as published (mùng 1 of Nhâm Dần … Bính Ngọ); 2023's was a Sunday.
  const published = { 2022: '2022-02-01', 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17' };
  for (const [year, date] of Object.entries(published)) assert.equal(calendar.lunarNewYear(Number(year)), dayNumber(date), `Tết ${year}`);
  assert.equal(calendar.lunarNewYear(1999), undefined);
});

test('the Tết slowdown follows each year\'s Tết, not a fixed month', () => {
  const calendar = new WorkingCalendar(path.join(referenceDir, 'calendar', 'vn_calendar.csv'));
  const on = (date: string) => season(dayNumber(date), calendar);
  // 24 February: 26 days after Tết 2025 (29 January), a week after Tết 2026 (17 February).
  assert.equal(on('2025-02-24'), 1);
  assert.equal(on('2026-02-24'), 0.75);
  // The first week of each break, on its own date; the week before it.
  assert.equal(on('2025-01-31'), 0.5);
  assert.equal(on('2026-02-19'), 0.5);
  assert.equal(on('2026-02-12'), 0.85);
  assert.equal(on('2026-01-29'), 1);
  // A year whose Tết the calendar does not declare keeps only the monthly shape.
  assert.equal(on('2035-02-12'), 1);
  // And in the simulated stream: the weeks right after Tết register fewer documents per working day
  // than the weeks after those (about 0.8; internal deliveries follow drafting, not the season).
  const localDay = (utc: string) => Math.floor((Date.parse(utc) + 7 * 3_600_000) / 86_400_000);
  const received = new Map<number, number>();
  for (const d of rowsOf('incoming_document')) {
    const day = localDay(d['received_at'] as string);
    received.set(day, (received.get(day) ?? 0) + 1);
  }
  const perWorkingDay = (from: number, to: number) => {
    let documents = 0;
    let workingDays = 0;
    for (const year of [2022, 2023, 2024, 2025]) {
      const tet = calendar.lunarNewYear(year)!;
      for (let day = tet + from; day < tet + to; day++) {
        if (!calendar.isWorkingDay(day)) continue;
        workingDays++;
        documents += received.get(day) ?? 0;
      }
    }
    return documents / workingDays;
  };
  const ratio = perWorkingDay(0, 21) / perWorkingDay(35, 63);
  assert.ok(ratio < 0.9, `three weeks from Tết at ${ratio.toFixed(2)} of weeks six to nine`);
});

test('the edge cases ride in the same stream: commits still in order, the simulation itself unchanged, the unit moved then renamed', () => {
  const withEdgeCases = [...simulate({ ...small, edgeCases: true })];
  for (let i = 1; i < withEdgeCases.length; i++) assert.ok(withEdgeCases[i - 1]!.commitTime < withEdgeCases[i]!.commitTime, `tx ${i}`);
  const isEdgeCase = (change: SourceTransaction['changes'][number]) => Number((change.after ?? change.before)!['id']) >= 9_000_000_000;
  const base = (stream: SourceTransaction[]) => stream.flatMap((tx) => tx.changes.filter((change) => !isEdgeCase(change)));
  assert.deepEqual(base(withEdgeCases), base(history), 'the same simulation, with the edge cases beside it');
  const mover = withEdgeCases.flatMap((tx) => tx.changes.filter((c) => c.table === 'agency' && c.after!['code'] === edgeCaseCodes.mover).map((c) => ({ day: tx.commitTime.slice(0, 10), parent: c.after!['parent_id'], name: c.after!['name'] })));
  const agencyId = (code: string) => withEdgeCases.flatMap((tx) => tx.changes).find((c) => c.table === 'agency' && c.after!['code'] === code)!.after!['id'];
  assert.deepEqual(mover, [
    { day: '2023-12-01', parent: agencyId(edgeCaseCodes.orphan), name: moverNames.before },
    { day: moverMoved, parent: agencyId(edgeCaseCodes.successor), name: moverNames.before },
    { day: moverRenamed, parent: agencyId(edgeCaseCodes.successor), name: moverNames.after },
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { absorbedBy, countedAgencies, currentAgencyOn, figuresTable, isEndedOn, subtreeIds, toStructure } from './structure.js';

type Row = Parameters<typeof toStructure>[0][number];
const row = (id: number, ancestors: number[], extra: Partial<Row> = {}): Row => ({
  agency_id: id, code: `A${id}`, name: `Agency ${id}`, kind: 'commune', parent_id: ancestors[1] ?? null, ancestor_ids: ancestors,
  valid_from: '2022-01-01', valid_to: '', primary_successor_id: null, succession_effective_date: '', ...extra,
});

// 1 city; 2 under it; 3 merged into 4 from 2025-07-01 (entered in advance); 4 merged into 5 from
// 2026-02-01; 6 has no parent (the city is still above it in ancestor_ids); 7 ended without a successor.
const structure = toStructure([
  row(1, [1], { kind: 'city' }),
  row(2, [2, 1]),
  row(3, [3, 2, 1], { valid_to: '2025-06-30', primary_successor_id: 4, succession_effective_date: '2025-07-01' }),
  row(4, [4, 1], { valid_to: '2026-01-31', primary_successor_id: 5, succession_effective_date: '2026-02-01' }),
  row(5, [5, 1]),
  row(6, [6, 1], { kind: 'other' }),
  row(7, [7, 1], { valid_to: '2024-12-31' }),
]);
const agency = (id: number) => structure.byId.get(id)!;

test('an agency is ended from the day after its valid_to, not before', () => {
  assert.equal(isEndedOn(agency(3), '2025-06-30'), false);
  assert.equal(isEndedOn(agency(3), '2025-07-01'), true);
  assert.equal(isEndedOn(agency(5), '2030-01-01'), false);
});

test('a succession applies from its effective_date; chains are followed as far as they are in effect', () => {
  assert.equal(currentAgencyOn(structure, 3, '2025-06-20'), 3, 'entered in advance: not yet');
  assert.equal(currentAgencyOn(structure, 3, '2025-07-01'), 4);
  assert.equal(currentAgencyOn(structure, 3, '2026-01-31'), 4);
  assert.equal(currentAgencyOn(structure, 3, '2026-02-01'), 5, 'two steps once both are in effect');
  assert.equal(currentAgencyOn(structure, 7, '2026-02-01'), 7, 'no successor: keeps its own figures');
});

test('a cycle of successions stops where it closes', () => {
  const cyclic = toStructure([
    row(1, [1], { primary_successor_id: 2, succession_effective_date: '2020-01-01' }),
    row(2, [2], { primary_successor_id: 1, succession_effective_date: '2020-01-01' }),
  ]);
  assert.equal(currentAgencyOn(cyclic, 1, '2025-01-01'), 2);
});

test('subtrees follow the ancestors at any depth; the city holds an agency without a parent', () => {
  assert.deepEqual(subtreeIds(structure, 1).sort(), [1, 2, 3, 4, 5, 6, 7]);
  assert.deepEqual(subtreeIds(structure, 2).sort(), [2, 3]);
});

test('as_is reads the documents of every agency whose successions in effect lead to a member', () => {
  assert.deepEqual(countedAgencies(structure, [4, 5], [0, 1], 'as_was', '2026-03-01'), { agencies: [4, 5], counted: [4, 5], groups: [0, 1] });
  const before = countedAgencies(structure, [4, 5], [0, 1], 'as_is', '2025-12-20');
  assert.deepEqual(before, { agencies: [3, 4, 5], counted: [4, 4, 5], groups: [0, 0, 1] });
  const after = countedAgencies(structure, [4, 5], [0, 1], 'as_is', '2026-02-01');
  assert.deepEqual(after, { agencies: [3, 4, 5], counted: [5, 5, 5], groups: [1, 1, 1] });
  assert.deepEqual([...absorbedBy(structure, '2025-12-20').entries()].map(([id, list]) => [id, list.map((a) => a.id)]), [[4, [3]]]);
});

test("the city's rows are read only for one group holding every agency; anything less reads the agencies' rows", () => {
  const every = [1, 2, 3, 4, 5, 6, 7];
  assert.deepEqual(figuresTable(structure, every, every.map(() => 4)), { daily: 'agg_city_daily', agencies: [0], groups: [4] });
  assert.deepEqual(figuresTable(structure, [...every, 3], [...every, 3].map(() => 0)).daily, 'agg_city_daily', 'an agency named twice is still every agency');
  const cases: [string, number[], number[]][] = [
    ['one agency short', [1, 2, 3, 4, 5, 6], [0, 0, 0, 0, 0, 0]],
    ['two groups', every, [0, 0, 0, 1, 1, 1, 1]],
    ['an id no agency has (a group with no agency reads 0)', [1, 2, 3, 4, 5, 6, 0], [0, 0, 0, 0, 0, 0, 0]],
  ];
  for (const [why, agencies, groups] of cases) {
    assert.deepEqual(figuresTable(structure, agencies, groups), { daily: 'agg_agency_daily', agencies, groups }, why);
  }
});

// The grouped views' partition on a hand-made structure: an `other` unit under a district, a
// district with a commune, a district dissolved without successor and a commune merged away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { childrenPlan, levelsPlan, planOverPeriod, targetKindOf, wholeScope } from './grouped.js';
import { onlineRateTarget } from './periods.js';
import { stablePieces, structureOn, toStructure } from './structure.js';

const row = (id: number, kind: string, parent: number | null, extra: Partial<{ valid_from: string; valid_to: string; primary_successor_id: number; succession_effective_date: string }> = {}) => ({
  agency_id: id, code: `A${id}`, name: `Agency ${id}`, kind: kind as 'city', parent_id: parent, ancestor_ids: [] as number[],
  valid_from: extra.valid_from ?? '2022-01-01', valid_to: extra.valid_to ?? '',
  primary_successor_id: extra.primary_successor_id ?? null, succession_effective_date: extra.succession_effective_date ?? '',
});
const rows = [
  row(1, 'city', null), row(2, 'department', 1), row(3, 'district', 1, { valid_to: '2025-06-30' }),
  row(4, 'commune', 3, { valid_to: '2025-06-30', primary_successor_id: 6, succession_effective_date: '2025-07-01' }),
  row(5, 'other', 3), row(6, 'commune', 1, { valid_from: '2025-07-01' }), row(7, 'other', 1), row(8, 'other', 5),
];
// ancestor_ids as the warehouse gives them: itself and every agency above.
for (const r of rows) {
  for (let at: typeof r | undefined = r; at; at = rows.find((p) => p.agency_id === at!.parent_id)) r.ancestor_ids.push(at.agency_id);
}
const structure = toStructure(rows);
const all = rows.map((r) => r.agency_id);
const agency = (id: number) => structure.byId.get(id)!;

test('an `other` unit takes the target of its nearest department, district or commune; the city and units under it use the department column', () => {
  assert.equal(targetKindOf(structure, agency(8)), 'district');
  assert.equal(onlineRateTarget(targetKindOf(structure, agency(8)), '2022-12-31'), 0.8, 'a district\'s unit: 80 % in late 2022, not the department\'s 100 %');
  assert.equal(targetKindOf(structure, agency(7)), 'department');
  assert.equal(targetKindOf(structure, agency(4)), 'commune');
});

test('levels: a district\'s row is the district with its units, never its communes; the city\'s own row holds its units', () => {
  const plan = levelsPlan(structure, agency(1), all, { from: '2024-01-01', to: '2024-12-31', view: 'as_was', today: '2025-09-30' });
  const members = Object.fromEntries(plan.map((r) => [r.agency?.code ?? 'rest', r.members.sort()]));
  // The commune of 2025 did not exist in 2024: the remainder holds it (its open stock, if any).
  assert.deepEqual(members, { A1: [1, 7], A2: [2], A3: [3, 5, 8], A4: [4], rest: [6] });
  assert.deepEqual(plan.flatMap((r) => r.members).sort(), [...all].sort(), 'every agency in exactly one row');
});

test('children: the own register, each child over its subtree; in as_was after the dissolution the district is the named remainder, in as_is it keeps its row', () => {
  const after = childrenPlan(structure, agency(1), all, { from: '2025-07-01', to: '2025-09-30', view: 'as_was', today: '2025-09-30' });
  assert.deepEqual(after.map((r) => [r.role, r.agency?.code ?? null, r.members.sort()]), [
    ['own', 'A1', [1]], ['child', 'A2', [2]], ['child', 'A6', [6]], ['child', 'A7', [7]], ['rest', null, [3, 4, 5, 8]],
  ]);
  assert.deepEqual(after.at(-1)!.holds.map((a) => a.code), ['A3']);
  const asIs = childrenPlan(structure, agency(1), all, { from: '2024-01-01', to: '2024-12-31', view: 'as_is', today: '2025-09-30' });
  assert.ok(asIs.some((r) => r.role === 'child' && r.agency!.code === 'A3'), 'the district dissolved without successor keeps its row');
  // Before the merger's effective date the commune still stands on its own in as_is.
  const early = childrenPlan(structure, agency(3), all, { from: '2025-01-01', to: '2025-03-31', view: 'as_is', today: '2025-06-15' });
  assert.ok(early.some((r) => r.role === 'child' && r.agency!.code === 'A4'));
});

// Agency history: commune 9 sits under district 3 until 2024-06-30 and under department 2 from
// 2024-07-01 (moved), and is renamed on 2024-10-01 (a renaming moves nothing).
const moved = toStructure([
  ...rows.map((r) => ({ ...r, versions: [['1900-01-01', r.parent_id, r.kind, r.name]] as [string, number | null, 'city', string][] })),
  {
    ...row(9, 'commune', 2), ancestor_ids: [9, 2, 1], name: 'Commune renamed',
    versions: [['1900-01-01', 3, 'commune', 'Commune'], ['2024-07-01', 2, 'commune', 'Commune'], ['2024-10-01', 2, 'commune', 'Commune renamed']],
  },
]);

test('the structure of a day: the parent, ancestors and name of that day\'s version', () => {
  assert.deepEqual(structureOn(moved, '2024-03-01').byId.get(9)!.ancestorIds, [9, 3, 1]);
  assert.equal(structureOn(moved, '2024-03-01').byId.get(9)!.name, 'Commune');
  assert.deepEqual(structureOn(moved, '2024-07-01').byId.get(9)!.ancestorIds, [9, 2, 1]);
  assert.equal(structureOn(moved, '2025-01-01').byId.get(9)!.name, 'Commune renamed');
  assert.deepEqual(stablePieces(moved, '2024-01-01', '2024-12-31'), [{ from: '2024-01-01', to: '2024-06-30' }, { from: '2024-07-01', to: '2024-12-31' }], 'cut at the move only, not at the renaming');
  assert.deepEqual(stablePieces(moved, '2024-07-01', '2024-12-31'), [{ from: '2024-07-01', to: '2024-12-31' }]);
});

test('as_was over a move: the moved agency counts in each row for its own days; as_is reads the structure as it stands', () => {
  const period = { from: '2024-01-01', to: '2024-12-31', view: 'as_was' as const, today: '2025-09-30' };
  const plan = planOverPeriod(moved, 1, period, childrenPlan);
  const spans = Object.fromEntries(plan.map((r) => [r.agency?.code ?? 'rest', r.spans]));
  assert.deepEqual(spans['A3'], [{ agency: 9, from: '2024-01-01', to: '2024-06-30' }]);
  assert.deepEqual(spans['A2'], [{ agency: 9, from: '2024-07-01', to: '2024-12-31' }]);
  assert.ok(!plan.some((r) => r.members.includes(9)), 'never a member for all of P');
  // Under the district alone, the commune counts only on its days there.
  const district = planOverPeriod(moved, 3, period, wholeScope);
  assert.deepEqual(district[0]!.spans, [{ agency: 9, from: '2024-01-01', to: '2024-06-30' }]);
  // A period inside one piece: plain members, named as then.
  const before = planOverPeriod(moved, 3, { ...period, to: '2024-03-31' }, childrenPlan);
  assert.equal(before.find((r) => r.agency?.id === 9)?.agency?.name, 'Commune');
  assert.ok(before.find((r) => r.agency?.id === 9)!.members.includes(9));
  const asIs = planOverPeriod(moved, 2, { ...period, view: 'as_is' }, childrenPlan);
  assert.ok(asIs.find((r) => r.agency?.id === 9)!.members.includes(9));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BreakdownRow } from './api';
import { arrangeRanking, orderParams, rankingColumns, rankingOrder } from './rankings.js';

const row = (code: string, rank: number | null, value: number | null, overdue: number) =>
  ({ agency: { code, name: `Xã ${code}` }, rank, value, volume: 40, kpis: { incoming: { received: 1, completed: 1, open_overdue: overdue } } }) as unknown as BreakdownRow;
const rows = Array.from({ length: 14 }, (_, i) => row(String(i + 1).padStart(2, '0'), i < 12 ? i + 1 : null, i < 12 ? 1 - i / 20 : null, i % 3));
const columns = rankingColumns('Tỷ lệ');

test('the ranking as the API orders it by default; top and bottom ten among the ranked', () => {
  const order = rankingOrder({}, columns);
  assert.deepEqual(order, { sort: 'hang', descending: false, show: 'tat-ca' });
  assert.deepEqual(orderParams(order, columns), {});
  assert.deepEqual(arrangeRanking(rows, order, columns).map((r) => r.agency.code), rows.map((r) => r.agency.code));
  assert.deepEqual(arrangeRanking(rows, { ...order, show: 'dau' }, columns).map((r) => r.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.deepEqual(arrangeRanking(rows, { ...order, show: 'cuoi' }, columns).map((r) => r.rank), [3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
});

test('sorted by a column: counts and rates highest first unless asked, missing values last, ties in rank order', () => {
  const byOverdue = rankingOrder({ sap_xep: 'qua-han' }, columns);
  assert.equal(byOverdue.descending, true);
  const overdue = arrangeRanking(rows, byOverdue, columns).map((r) => r.kpis.incoming.open_overdue);
  assert.deepEqual(overdue, [...overdue].sort((a, b) => b - a));
  const rateUp = arrangeRanking(rows, rankingOrder({ sap_xep: 'ty-le', chieu: 'tang' }, columns), columns).map((r) => r.value);
  assert.deepEqual(rateUp.slice(-2), [null, null]);
  assert.deepEqual(orderParams(rankingOrder({ sap_xep: 'ty-le', chieu: 'tang', hien: 'dau' }, columns), columns), { sap_xep: 'ty-le', chieu: 'tang', hien: 'dau' });
  assert.deepEqual(rankingOrder({ sap_xep: 'x', hien: 'y' }, columns), { sort: 'hang', descending: false, show: 'tat-ca' });
});

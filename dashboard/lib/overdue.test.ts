import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldVietnamese, findAgencies } from './agency-search.js';
import { overdueParams, pageNumbers, readOverdueFilters } from './overdue.js';

const agencies = [
  { code: 'A', name: 'Phường Phúc Xá', kind: 'commune', parent_code: 'Q', ended: true, valid_to: '2025-06-30' },
  { code: 'Q', name: 'Quận Ba Đình', kind: 'district', parent_code: null, ended: true, valid_to: '2025-06-30' },
  { code: 'B', name: 'Phường Ba Đình', kind: 'commune', parent_code: null, ended: false, valid_to: null },
];

test('names fold to plain letters: tones, vowel marks and đ', () => {
  assert.equal(foldVietnamese('  Phường  Phúc Xá '), 'phuong phuc xa');
  assert.equal(foldVietnamese('ĐỐNG ĐA'), 'dong da');
  assert.equal(foldVietnamese('Hỏa tốc'), 'hoa toc');
});

test('an agency is found without diacritics, the closest and the existing first, with its parent', () => {
  assert.deepEqual(findAgencies(agencies, 'phuc xa').matches.map((m) => [m.agency.code, m.parent?.code]), [['A', 'Q']]);
  assert.deepEqual(findAgencies(agencies, 'ba dinh').matches.map((m) => m.agency.code), ['B', 'Q']);
  assert.equal(findAgencies(agencies, '   ').total, 0);
});

test('filters: unknown values are set aside, defaults stay out of links, pages have gaps', () => {
  const { filters, rejected } = readOverdueFilters({ khan: 'flash', loai: 'ward', trang: '0', co_quan: 'A' }, agencies);
  assert.deepEqual(filters, { agency: 'A', kind: null, urgency: 'flash', order: 'qua-han-lau', page: 1 });
  assert.deepEqual(rejected, [['loai', 'ward'], ['trang', '0']]);
  assert.deepEqual(readOverdueFilters({ co_quan: 'Z' }, agencies).rejected, [['co_quan', 'Z']]);
  assert.deepEqual(overdueParams(filters, { page: 2 }), { co_quan: 'A', khan: 'flash', trang: '2' });
  assert.deepEqual(pageNumbers(5, 9), [1, null, 3, 4, 5, 6, 7, null, 9]);
  assert.deepEqual(pageNumbers(1, 1), [1]);
});

// What a ranking can be by, and how each row reads: shared by the rankings page and its Excel export.
import type { BreakdownRow } from './api';

export const rankingRates = [
  { key: 'on_time_rate', label: 'Tỷ lệ giải quyết đúng hạn', volume: 'văn bản đã giải quyết có hạn' },
  { key: 'online_rate', label: 'Tỷ lệ xử lý trên hệ thống', volume: 'văn bản đến' },
  { key: 'cohort_completion_rate', label: 'Tỷ lệ văn bản đến đã giải quyết', volume: 'văn bản đến' },
  { key: 'interconnected_rate', label: 'Tỷ lệ văn bản đến liên thông', volume: 'văn bản đến' },
  { key: 'digitally_signed_rate', label: 'Tỷ lệ văn bản đi ký số', volume: 'văn bản đi' },
  { key: 'electronic_dispatch_rate', label: 'Tỷ lệ gửi văn bản điện tử', volume: 'văn bản đi' },
] as const;

export const rankingKinds = ['department', 'district', 'commune'] as const;

export const minVolume = 30;

export function rankingRate(key: unknown) {
  return rankingRates.find((r) => r.key === key) ?? rankingRates[0];
}

export function rankingKind(key: unknown): (typeof rankingKinds)[number] {
  return rankingKinds.find((k) => k === key) ?? 'district';
}

/** The columns of a ranking, as the page shows them and the Excel file holds them. */
export function rankingColumns(rateLabel: string) {
  return [
    { header: 'Hạng', value: (r: BreakdownRow) => r.rank },
    { header: 'Mã định danh', value: (r: BreakdownRow) => r.agency.code },
    { header: 'Cơ quan, đơn vị', value: (r: BreakdownRow) => r.agency.name },
    { header: rateLabel, value: (r: BreakdownRow) => r.value, percent: true },
    { header: 'Số văn bản làm căn cứ', value: (r: BreakdownRow) => r.volume },
    { header: 'Văn bản đến', value: (r: BreakdownRow) => r.kpis.incoming.received },
    { header: 'Đã giải quyết', value: (r: BreakdownRow) => r.kpis.incoming.completed },
    { header: 'Quá hạn chưa xử lý', value: (r: BreakdownRow) => r.kpis.incoming.open_overdue },
  ] as { header: string; value: (r: BreakdownRow) => string | number | null; percent?: boolean }[];
}

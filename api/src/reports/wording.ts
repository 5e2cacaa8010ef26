// The words and number styles the Excel and PDF renderings share: dates as dd/mm/yyyy, the
// structure a report is read in, the name of each level, and the title of a report's scope.
import type { BreakdownRow } from '../kpi/breakdown.js';
import type { PlannedFigure } from '../kpi/periods.js';
import type { Report, ReportGroupKind, ReportKind } from './report.js';

/** "2025-12-14" → "14/12/2025". */
export const vnDate = (iso: string) => iso.split('-').reverse().join('/');

/**
 * The parts of a document's date line as Decree 30/2020/NĐ-CP writes them ("Hà Nội, ngày 05 tháng 3
 * năm 2026"): a day below 10, and the months 1 and 2, take a leading zero; no other month does.
 */
export function decreeDate(iso: string): { day: string; month: string; year: string } {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { day: String(day).padStart(2, '0'), month: month <= 2 ? `0${month}` : String(month), year: String(year) };
}

/** Each Plan 222 target's name in a report (kpi.md, All targets). */
export const targetNames: Record<PlannedFigure, string> = {
  'incoming.online_rate': 'Tỷ lệ văn bản đến được xử lý trên hệ thống',
  'work_files.electronic_rate': 'Tỷ lệ hồ sơ công việc lập trên hệ thống',
  'adoption.adoption_rate': 'Tỷ lệ cơ quan, đơn vị sử dụng hệ thống',
  'incoming.interconnected_rate': 'Tỷ lệ văn bản đến qua liên thông',
  'outgoing.electronic_dispatch_rate': 'Tỷ lệ văn bản đi gửi điện tử',
};

/** "Đạt", "Chưa đạt", or nothing when the target does not apply. */
export const metText = (met: boolean | null) => (met === null ? '' : met ? 'Đạt' : 'Chưa đạt');
/** A whole target in Vietnamese number style: "80 %", the per cent sign after a no-break space. */
export const targetPercent = (target: number) => `${Math.round(target * 100)}\u00a0%`;

/** The stamp of a provisional report (reports.md, Honest about time), with the data's as-of time. */
export const provisionalStamp = (report: Report) => `TẠM TÍNH — số liệu đến ${asOfText(report.total.data_as_of)}`;

/** "2026-10-31T23:53:13.763+07:00" → "23:53 ngày 31/10/2026". */
export const asOfText = (iso: string | null) => (iso ? `${iso.slice(11, 16)} ngày ${vnDate(iso.slice(0, 10))}` : 'thời điểm lập báo cáo');

export const viewText = (view: Report['request']['view']) => (view === 'as_is' ? 'theo cơ cấu tổ chức hiện nay' : 'theo cơ cấu tổ chức tại thời điểm phát sinh');

/** Headings of the level groups (PDF) and, shortened, sheet names (Excel: at most 31 characters). */
export const levelHeadings: Record<ReportKind, string> = {
  department: 'Các sở, ban, ngành', district: 'Các quận, huyện, thị xã', commune: 'Các xã, phường, thị trấn', other: 'Các đơn vị khác',
};
export const levelSheets: Record<ReportKind, string> = {
  department: 'Sở, ban, ngành', district: 'Quận, huyện, thị xã', commune: 'Xã, phường, thị trấn', other: 'Đơn vị khác',
};

/** The heading of any group: a level, the scope's own register, or the agencies dissolved or merged. */
export function groupHeading(report: Report, kind: ReportGroupKind): string {
  if (kind === 'own') return `${report.total.agency.name} (văn bản của chính cơ quan và các đơn vị trực thuộc)`;
  if (kind === 'rest') return 'Các cơ quan đã giải thể, sáp nhập';
  return levelHeadings[kind];
}
export function groupSheet(kind: ReportGroupKind): string {
  if (kind === 'own') return 'Văn bản của chính cơ quan';
  if (kind === 'rest') return 'Cơ quan đã giải thể';
  return levelSheets[kind];
}

/** A row's name as a report shows it: the remainder names the agencies it stands for. */
export function rowName(row: BreakdownRow): string {
  if (row.row !== 'rest') return row.agency.name;
  const names = (row.holds ?? []).map((a) => a.name);
  const shown = names.slice(0, 12).join(', ');
  return `Các cơ quan đã giải thể, sáp nhập (${names.length}): ${shown}${names.length > 12 ? ` và ${names.length - 12} cơ quan khác` : ''}`;
}

/** "UBND Thành phố Hà Nội", or "UBND Thành phố Hà Nội — các xã, phường, thị trấn" for a one-level report. */
export function scopeTitle(report: Report): string {
  const level = report.request.kind;
  return level ? `${report.total.agency.name} — ${levelHeadings[level].toLowerCase()}` : report.total.agency.name;
}

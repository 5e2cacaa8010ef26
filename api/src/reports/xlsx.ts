// The report as an Excel workbook (exceljs): a summary sheet with the scope's total, the change
// against the previous period and every Plan 222 target; one sheet per kind with every agency (every
// figure of kpi.md that applies to one, and each target met or missed) and a subtotal; a sheet with
// one list per target of the agencies that missed it. Vietnamese headers, number formats, frozen headers,
// column widths and an A4 landscape print setup that repeats the header row.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { BreakdownRow } from '../kpi/breakdown.js';
import { rowKey, type Report, type Subtotal } from './report.js';
import { plannedFigures } from '../kpi/periods.js';
import { percentFormat } from '../kpi/shown-percent.js';
import { asOfText, groupSheet, metText, provisionalStamp, rowName, scopeTitle, targetNames, targetPercent, vnDate as date, viewText } from './wording.js';

interface Column { header: string; width: number; format?: string; value: (row: BreakdownRow) => string | number | null; total?: (s: Subtotal) => number | null }

const baseColumns: Column[] = [
  { header: 'Mã định danh', width: 16, value: (r) => r.agency.code },
  { header: 'Cơ quan, đơn vị', width: 44, value: (r) => rowName(r) },
  { header: 'Văn bản đến', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.received, total: (s) => s.received },
  { header: 'Đã giải quyết', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.completed, total: (s) => s.completed },
  { header: 'Đúng hạn', width: 10, format: '#,##0', value: (r) => r.kpis.incoming.completed_on_time, total: (s) => s.completed_on_time },
  { header: 'Quá hạn khi giải quyết', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.completed_late, total: (s) => s.completed_late },
  { header: 'Tỷ lệ đúng hạn', width: 11, format: '0.0%', value: (r) => r.kpis.incoming.on_time_rate, total: (s) => s.on_time_rate },
  { header: 'Quá hạn chưa xử lý', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.open_overdue, total: (s) => s.open_overdue },
  { header: 'Tỷ lệ xử lý trên hệ thống', width: 12, format: '0.0%', value: (r) => r.kpis.incoming.online_rate, total: (s) => s.online_rate },
  { header: 'Văn bản đi ban hành', width: 12, format: '#,##0', value: (r) => r.kpis.outgoing.issued, total: (s) => s.issued },
  { header: 'Tỷ lệ ký số', width: 10, format: '0.0%', value: (r) => r.kpis.outgoing.digitally_signed_rate },
  // Every other figure of kpi.md that applies to one agency (reports.md, Every figure and every target).
  { header: 'Bị trả lại', width: 10, format: '#,##0', value: (r) => r.kpis.incoming.returned, total: (s) => s.returned },
  { header: 'Đang xử lý trong hạn', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.open_on_time, total: (s) => s.open_on_time },
  { header: 'Sắp đến hạn (≤ 3 ngày làm việc)', width: 12, format: '#,##0', value: (r) => r.kpis.incoming.open_due_soon, total: (s) => s.open_due_soon },
  { header: 'Tỷ lệ hoàn thành văn bản nhận trong kỳ', width: 14, format: '0.0%', value: (r) => r.kpis.incoming.cohort_completion_rate },
  { header: 'Số ngày xử lý (trung vị)', width: 11, format: '0', value: (r) => r.kpis.incoming.processing_days.median },
  { header: 'Số ngày xử lý (90%)', width: 11, format: '0', value: (r) => r.kpis.incoming.processing_days.p90 },
  { header: 'Tỷ lệ văn bản đến liên thông', width: 12, format: '0.0%', value: (r) => r.kpis.incoming.interconnected_rate },
  { header: 'Tỷ lệ văn bản đi gửi điện tử', width: 12, format: '0.0%', value: (r) => r.kpis.outgoing.electronic_dispatch_rate },
  { header: 'Số ngày soạn thảo (trung vị)', width: 11, format: '0', value: (r) => r.kpis.outgoing.drafting_days.median },
  { header: 'Hồ sơ công việc', width: 10, format: '#,##0', value: (r) => r.kpis.work_files.opened, total: (s) => s.work_files },
  { header: 'Tỷ lệ hồ sơ lập trên hệ thống', width: 12, format: '0.0%', value: (r) => r.kpis.work_files.electronic_rate },
  { header: 'Tỷ lệ cơ quan sử dụng hệ thống', width: 12, format: '0.0%', value: (r) => r.kpis.adoption.adoption_rate },
  // Every Plan 222 target: met or missed, with the target the agency is held to.
  ...plannedFigures.map((figure) => ({
    header: `Chỉ tiêu: ${targetNames[figure].replace(/^Tỷ lệ /, '').toLowerCase()}`, width: 14,
    value: (r: BreakdownRow) => targetCell(r.kpis.targets.find((t) => t.figure === figure)),
  })),
];

/** The change of each row against the previous period (reports.md): received and the on-time rate, then and now. */
function changeColumns(report: Report): Column[] {
  const before = (row: BreakdownRow) => report.previousRows.get(rowKey(row))?.kpis.incoming;
  const change = (now: number | null, then: number | null | undefined) => (now === null || then === null || then === undefined ? null : now - then);
  return [
    { header: 'Văn bản đến kỳ trước', width: 12, format: '#,##0', value: (r) => before(r)?.received ?? null },
    { header: 'Thay đổi văn bản đến', width: 12, format: '+#,##0;-#,##0;0', value: (r) => change(r.kpis.incoming.received, before(r)?.received) },
    { header: 'Tỷ lệ đúng hạn kỳ trước', width: 11, format: '0.0%', value: (r) => before(r)?.on_time_rate ?? null },
    { header: 'Thay đổi tỷ lệ đúng hạn', width: 11, format: '+0.0%;-0.0%;0.0%', value: (r) => change(r.kpis.incoming.on_time_rate, before(r)?.on_time_rate) },
  ];
}

/** "Đạt (≥ 80 %)", "Chưa đạt (≥ 100 %)", or nothing when the target does not apply to the row. */
function targetCell(target: { met: boolean | null; target: number | null } | undefined): string {
  if (!target || target.met === null || target.target === null) return '';
  return `${metText(target.met)} (≥ ${targetPercent(target.target)})`;
}

function printSetup(sheet: ExcelJS.Worksheet, headerRow: number): void {
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 2 }];
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

function title(sheet: ExcelJS.Worksheet, report: Report, heading: string): void {
  sheet.addRow([report.provisional ? `${heading} (TẠM TÍNH)` : heading]).font = { bold: true, size: 13 };
  sheet.addRow([`Kỳ báo cáo: từ ${date(report.period.from)} đến ${date(report.period.to)} · ${viewText(report.request.view)} · số liệu cập nhật đến ${asOfText(report.total.data_as_of)}`]);
  if (report.provisional) {
    sheet.addRow([provisionalStamp(report)]).font = { bold: true, color: { argb: 'FFC00000' } };
    // Printed, every page says so at its top.
    sheet.headerFooter.oddHeader = `&C&B${provisionalStamp(report)}`;
  }
  sheet.addRow([]);
}

/**
 * The rates of a row with the decimals that keep a rate short of 100 % from showing as 100,0 %
 * (every Plan 222 target is 100 % from 2023: "100,0 %" beside "chưa đạt" would contradict itself).
 */
function ratesShownExactly(row: ExcelJS.Row, columns: Column[]): void {
  columns.forEach((c, i) => {
    if (c.format === '0.0%') row.getCell(i + 1).numFmt = percentFormat(row.getCell(i + 1).value as number | null);
  });
}

function agencySheet(workbook: ExcelJS.Workbook, report: Report, name: string, rows: BreakdownRow[], subtotal?: Subtotal): void {
  const sheet = workbook.addWorksheet(name);
  const columns = [...baseColumns, ...changeColumns(report)];
  title(sheet, report, `${name} — ${scopeTitle(report)}`);
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.format) column.numFmt = c.format;
  });
  for (const row of rows) ratesShownExactly(sheet.addRow(columns.map((c) => c.value(row))), columns);
  // Sorting and filtering by any column, over the agency rows (not the subtotal).
  if (rows.length > 0) sheet.autoFilter = { from: { row: header.number, column: 1 }, to: { row: header.number + rows.length, column: columns.length } };
  if (subtotal) {
    const total = sheet.addRow(columns.map((c, i) => (i === 1 ? `Cộng (${rows.length} cơ quan)` : c.total ? c.total(subtotal) : null)));
    total.font = { bold: true };
    ratesShownExactly(total, columns);
  }
  printSetup(sheet, header.number);
}

export async function reportWorkbook(report: Report): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phân tích xử lý văn bản — UBND Thành phố Hà Nội';
  // Stamped with the time of the figures, not the clock (exceljs would write "now" as modified, and
  // zip every part with the time of day): the same report gives the same file.
  const stamp = new Date(report.total.data_as_of ? Date.parse(report.total.data_as_of) : 0);
  workbook.created = stamp;
  workbook.modified = stamp;

  const summary = workbook.addWorksheet('Tổng hợp');
  title(summary, report, `Báo cáo tình hình xử lý văn bản trên Hệ thống quản lý văn bản và điều hành — ${scopeTitle(report)}`);
  const header = summary.addRow(['Chỉ tiêu', 'Kỳ này', 'Kỳ trước', 'Thay đổi']);
  header.font = { bold: true };
  const now = report.total.incoming;
  const before = report.previousTotal.incoming;
  // The working days of both periods first (kpi.md, Comparisons): a period holding Tết has fewer, so
  // counts are also compared per working day.
  const perDay = (n: number, days: number) => (days > 0 ? n / days : null);
  const lines: [string, number | null, number | null, string][] = [
    ['Số ngày làm việc', report.total.working_days, report.previousTotal.working_days, '#,##0'],
    ['Văn bản đến', now.received, before.received, '#,##0'],
    ['Văn bản đến mỗi ngày làm việc', perDay(now.received, report.total.working_days), perDay(before.received, report.previousTotal.working_days), '#,##0.0'],
    ['Đã giải quyết', now.completed, before.completed, '#,##0'],
    ['Tỷ lệ giải quyết đúng hạn', now.on_time_rate, before.on_time_rate, '0.0%'],
    ['Quá hạn chưa xử lý (cuối kỳ)', now.open_overdue, before.open_overdue, '#,##0'],
    ['Tỷ lệ xử lý trên hệ thống', now.online_rate, before.online_rate, '0.0%'],
    ['Văn bản đi ban hành', report.total.outgoing.issued, report.previousTotal.outgoing.issued, '#,##0'],
    ['Tỷ lệ ký số', report.total.outgoing.digitally_signed_rate, report.previousTotal.outgoing.digitally_signed_rate, '0.0%'],
    ['Tỷ lệ cơ quan sử dụng hệ thống', report.total.adoption.adoption_rate, report.previousTotal.adoption.adoption_rate, '0.0%'],
  ];
  for (const [label, current, previous, format] of lines) {
    const row = summary.addRow([label, current, previous, current === null || previous === null ? null : current - previous]);
    for (const cell of [2, 3, 4]) row.getCell(cell).numFmt = format;
    if (format === '0.0%') for (const cell of [2, 3]) row.getCell(cell).numFmt = percentFormat(row.getCell(cell).value as number | null);
  }
  summary.addRow([]);
  summary.addRow([`Kỳ trước: từ ${date(report.previous.from)} đến ${date(report.previous.to)} (${report.previousTotal.working_days} ngày làm việc; kỳ này ${report.total.working_days}).`]);
  // Every Plan 222 target of the scope: its value, the target, met or missed, and how many rows missed it.
  summary.addRow([]);
  const targetsHeader = summary.addRow(['Chỉ tiêu Kế hoạch 222/KH-UBND', 'Kỳ này', 'Mục tiêu', 'Đánh giá', 'Cơ quan chưa đạt']);
  targetsHeader.font = { bold: true };
  for (const target of report.total.targets) {
    const missedRows = report.missed.find((m) => m.figure === target.figure)?.rows.length ?? 0;
    const row = summary.addRow([targetNames[target.figure], target.value, target.target, target.met === null ? 'không áp dụng trong kỳ' : metText(target.met), missedRows]);
    row.getCell(2).numFmt = percentFormat(target.value);
    row.getCell(3).numFmt = '0%';
  }
  // The level groups and the grand total (kpi.md, Grouped views): the subtotals add up to the total.
  summary.addRow([]);
  const levels = summary.addRow(['Tổng hợp theo cấp', 'Văn bản đến', 'Đã giải quyết', 'Đúng hạn', 'Quá hạn khi giải quyết', 'Quá hạn chưa xử lý', 'Văn bản đi ban hành']);
  levels.font = { bold: true };
  const figures = (s: Subtotal) => [s.received, s.completed, s.completed_on_time, s.completed_late, s.open_overdue, s.issued];
  for (const group of report.groups) summary.addRow([groupSheet(group.kind), ...figures(group.subtotal)]);
  const grand = summary.addRow(['Tổng cộng', ...figures(totalOf(report))]);
  grand.font = { bold: true };
  summary.getColumn(1).width = 40;
  for (const column of [2, 3, 4, 5, 6, 7]) summary.getColumn(column).width = 14;
  printSetup(summary, header.number);

  for (const group of report.groups) agencySheet(workbook, report, groupSheet(group.kind), group.rows, group.subtotal);
  missedSheet(workbook, report);
  return withStamp(Buffer.from(await workbook.xlsx.writeBuffer()), stamp);
}

/** One list per Plan 222 target of the rows that missed it, each with the value and the target it is held to. */
function missedSheet(workbook: ExcelJS.Workbook, report: Report): void {
  const sheet = workbook.addWorksheet('Chưa đạt chỉ tiêu');
  title(sheet, report, `Cơ quan, đơn vị chưa đạt chỉ tiêu Kế hoạch 222/KH-UBND — ${scopeTitle(report)}`);
  const widths = [16, 44, 12, 10];
  widths.forEach((width, i) => { sheet.getColumn(i + 1).width = width; });
  let firstHeader = 0;
  for (const { figure, rows } of report.missed) {
    sheet.addRow([`${targetNames[figure]}: ${rows.length} cơ quan, đơn vị chưa đạt`]).font = { bold: true };
    const header = sheet.addRow(['Mã định danh', 'Cơ quan, đơn vị', 'Kỳ này', 'Mục tiêu']);
    header.font = { bold: true };
    firstHeader ||= header.number;
    for (const row of rows) {
      const target = row.kpis.targets.find((t) => t.figure === figure)!;
      const line = sheet.addRow([row.agency.code, rowName(row), target.value, target.target]);
      line.getCell(3).numFmt = percentFormat(target.value);
      line.getCell(4).numFmt = '0%';
    }
    sheet.addRow([]);
  }
  printSetup(sheet, firstHeader);
}

/** The scope's total as a subtotal (the grand total row): the figures of /api/v1/kpis. */
function totalOf(report: Report): Subtotal {
  const { incoming, outgoing } = report.total;
  return {
    received: incoming.received, returned: incoming.returned, completed: incoming.completed, completed_on_time: incoming.completed_on_time, completed_late: incoming.completed_late,
    open_on_time: incoming.open_on_time, open_due_soon: incoming.open_due_soon, open_overdue: incoming.open_overdue, online: Math.round((incoming.online_rate ?? 0) * incoming.received),
    issued: outgoing.issued, work_files: report.total.work_files.opened,
    on_time_rate: incoming.on_time_rate, online_rate: incoming.online_rate,
  };
}

/**
 * exceljs zips the workbook's parts stamped with the clock; the same stamp on every part makes the
 * file a function of the report alone (the archive, and anyone comparing two copies, can rely on it).
 */
async function withStamp(xlsx: Buffer, stamp: Date): Promise<Buffer> {
  const zip = await JSZip.loadAsync(xlsx);
  zip.forEach((_path, part) => { part.date = stamp; });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

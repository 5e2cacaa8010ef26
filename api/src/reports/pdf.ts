// The report as a PDF (A4) for filing, laid out as an administrative document under Decree
// 30/2020/NĐ-CP: issuing body top left, national motto top right, number and notation, place and
// date, title, body with the targets, recipients (Nơi nhận) and the signature block, then the tables
// in an appendix (phụ lục).
// Rendering: Chromium's print-to-PDF of an HTML page. Chromium is already installed and tested here
// (the portal's browser tests); it shapes Vietnamese correctly, embeds the font subset it uses
// (Liberation Serif, metric-compatible with the Times New Roman the decree asks for), repeats table
// headers on every page and numbers the pages (CSS page margin boxes) — what a PDF library would make us hand-build.
import type { BreakdownRow } from '../kpi/breakdown.js';
import { launchChromium } from './chromium.js';
import { plannedFigures } from '../kpi/periods.js';
import { shownPercent } from '../kpi/shown-percent.js';
import type { Report, Subtotal } from './report.js';
import { asOfText, decreeDate, groupHeading, metText, provisionalStamp, rowName, scopeTitle, targetNames, targetPercent, vnDate as date, viewText } from './wording.js';

const integer = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const count = (n: number | null) => (n === null ? '—' : integer.format(n));
// Vietnamese number style: 97,3 %, the per cent sign after a no-break space.
const percent = (r: number | null) => (r === null ? '—' : `${decimal.format(shownPercent(r))}\u00a0%`);
/** A count per working day, one decimal, Vietnamese style ("1.234,5"). */
const perWorkingDay = (n: number, days: number) => (days > 0 ? decimal.format(n / days) : '—');
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * The appendix's columns: every figure of kpi.md that applies to one agency and each Plan 222 target
 * met or missed (reports.md, Every figure and every target), with the group subtotal where the
 * figure adds up (counts) or is recomputed from the sums (the on-time and online rates).
 */
const pdfColumns: { header: string; value: (row: BreakdownRow) => string; total?: (s: Subtotal) => string }[] = [
  { header: 'Văn bản đến', value: (r) => count(r.kpis.incoming.received), total: (s) => count(s.received) },
  { header: 'Trả lại', value: (r) => count(r.kpis.incoming.returned), total: (s) => count(s.returned) },
  { header: 'Đã giải quyết', value: (r) => count(r.kpis.incoming.completed), total: (s) => count(s.completed) },
  { header: 'Đúng hạn', value: (r) => count(r.kpis.incoming.completed_on_time), total: (s) => count(s.completed_on_time) },
  { header: 'Trễ hạn', value: (r) => count(r.kpis.incoming.completed_late), total: (s) => count(s.completed_late) },
  { header: 'Tỷ lệ đúng hạn', value: (r) => percent(r.kpis.incoming.on_time_rate), total: (s) => percent(s.on_time_rate) },
  { header: 'Đang xử lý trong hạn', value: (r) => count(r.kpis.incoming.open_on_time), total: (s) => count(s.open_on_time) },
  { header: 'Sắp đến hạn', value: (r) => count(r.kpis.incoming.open_due_soon), total: (s) => count(s.open_due_soon) },
  { header: 'Quá hạn chưa xử lý', value: (r) => count(r.kpis.incoming.open_overdue), total: (s) => count(s.open_overdue) },
  { header: 'Hoàn thành văn bản nhận trong kỳ', value: (r) => percent(r.kpis.incoming.cohort_completion_rate) },
  { header: 'Ngày xử lý (trung vị)', value: (r) => count(r.kpis.incoming.processing_days.median) },
  { header: 'Xử lý trên hệ thống', value: (r) => percent(r.kpis.incoming.online_rate), total: (s) => percent(s.online_rate) },
  { header: 'Đến qua liên thông', value: (r) => percent(r.kpis.incoming.interconnected_rate) },
  { header: 'Văn bản đi', value: (r) => count(r.kpis.outgoing.issued), total: (s) => count(s.issued) },
  { header: 'Ký số', value: (r) => percent(r.kpis.outgoing.digitally_signed_rate) },
  { header: 'Gửi điện tử', value: (r) => percent(r.kpis.outgoing.electronic_dispatch_rate) },
  { header: 'Ngày soạn thảo (trung vị)', value: (r) => count(r.kpis.outgoing.drafting_days.median) },
  { header: 'Hồ sơ công việc', value: (r) => count(r.kpis.work_files.opened), total: (s) => count(s.work_files) },
  { header: 'Hồ sơ trên hệ thống', value: (r) => percent(r.kpis.work_files.electronic_rate) },
  ...plannedFigures.map((figure) => ({
    header: `Chỉ tiêu: ${targetNames[figure].replace(/^Tỷ lệ /, '')}`,
    value: (r: BreakdownRow) => metText(r.kpis.targets.find((t) => t.figure === figure)?.met ?? null),
  })),
];

const tableHead = `<thead><tr><th>TT</th><th>Cơ quan, đơn vị</th>${pdfColumns.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr></thead>`;

function agencyRows(rows: BreakdownRow[]): string {
  return rows.map((r, i) => `<tr><td>${i + 1}</td><td class="name">${escape(rowName(r))}</td>${pdfColumns.map((c) => `<td>${c.value(r)}</td>`).join('')}</tr>`).join('\n');
}

const subtotalRow = (subtotal: Subtotal) => `<tr><td></td><td class="name">Cộng</td>${pdfColumns.map((c) => `<td>${c.total ? c.total(subtotal) : ''}</td>`).join('')}</tr>`;

/**
 * The page header, in CSS page margin boxes (Chromium prints them): the page number at the top
 * centre from page 2 on, as Decree 30 places it; a provisional report's stamp at the top of every page.
 */
function pageHeader(report: Report): string {
  const box = (content: string) => `@top-center { content: ${content}; font-family: "Liberation Serif", serif; font-size: 11pt; }`;
  if (!report.provisional) return `@page { ${box('counter(page)')} } @page :first { @top-center { content: none; } }`;
  const stamp = JSON.stringify(provisionalStamp(report));
  return `@page { ${box(`counter(page) "  ·  " ${stamp}`)} } @page :first { ${box(stamp)} }`;
}

/** The HTML of the report; `issuedOn` is the document's date (the day it was made by default). */
export function reportHtml(report: Report, issuedOn = report.issuedOn): string {
  const { day: d, month: m, year: y } = decreeDate(issuedOn);
  const total = report.total;
  const now = total.incoming;
  const before = report.previousTotal.incoming;
  const groups = report.groups.map((group) => `
    <h3>${escape(groupHeading(report, group.kind))} (${group.rows.length})</h3>
    <table class="wide">${tableHead}<tbody>${agencyRows(group.rows)}</tbody><tfoot>${subtotalRow(group.subtotal)}</tfoot></table>`).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Báo cáo tình hình xử lý văn bản</title><style>
    @page { size: A4; margin: 20mm 15mm 20mm 30mm; }
    ${pageHeader(report)}
    body { font-family: "Liberation Serif", "Times New Roman", serif; font-size: 13pt; line-height: 1.35; color: #000; }
    .masthead { display: grid; grid-template-columns: 1fr 1.5fr; text-align: center; font-size: 12pt; }
    .masthead p { margin: 0; } .upper { text-transform: uppercase; } .bold { font-weight: bold; }
    .motto { font-weight: bold; } .motto::after, .body-name::after { content: ""; display: block; width: 40%; margin: 2px auto 0; border-top: 1px solid #000; }
    .place { text-align: right; font-style: italic; margin-top: 8px; }
    h1 { text-align: center; font-size: 14pt; margin: 18px 0 0; } h2.subject { text-align: center; font-size: 13pt; margin: 0 0 14px; font-weight: bold; }
    p.body { text-indent: 1cm; text-align: justify; margin: 6px 0; }
    h3 { font-size: 13pt; margin: 14px 0 6px; }
    table { width: 100%; border-collapse: collapse; font-size: 10.5pt; page-break-inside: auto; }
    thead { display: table-header-group; } tfoot { display: table-row-group; font-weight: bold; }
    tr { page-break-inside: avoid; } th, td { border: 1px solid #000; padding: 2px 4px; text-align: right; } th { text-align: center; }
    td.name { text-align: left; width: 40%; } td:last-child { white-space: nowrap; text-align: center; }
    .closing { display: grid; grid-template-columns: 1fr 1fr; margin-top: 18px; page-break-inside: avoid; }
    .stamp { text-align: center; font-weight: bold; border: 1.5px solid #000; padding: 2px 6px; margin: 6px auto; width: fit-content; }
    p.missed { font-size: 11pt; text-align: justify; margin: 4px 0; }
    /* The tables follow the signature, in an appendix (phụ lục) on pages of their own, as Decree 30 attaches them. */
    .appendix { page-break-before: always; page: appendix; }
    /* The appendix on landscape pages: its tables carry every figure and target of each agency. */
    @page appendix { size: A4 landscape; margin: 18mm 12mm 15mm 15mm; }
    table.wide { font-size: 7pt; } table.wide th { font-size: 6.5pt; font-weight: bold; padding: 1px 2px; } table.wide td { padding: 1px 2px; }
    table.wide td.name { width: 17%; } table.wide td:last-child { white-space: normal; } h2.appendix-title { text-align: center; font-size: 14pt; margin: 0; } .appendix-note { text-align: center; margin: 0 0 10px; }
    .signer { margin-top: 12px; } .signer-note { font-size: 10pt; margin: 0; }
    .recipients { font-size: 11pt; } .recipients p { margin: 0; } .signature { text-align: center; }
  </style></head><body>
  <div class="masthead">
    <div><p class="upper">UBND Thành phố Hà Nội</p><p class="upper bold body-name">Sở Nội vụ</p><p>Số: &nbsp;&nbsp;&nbsp;&nbsp;/BC-SNV</p></div>
    <div><p class="upper bold">Cộng hòa xã hội chủ nghĩa Việt Nam</p><p class="motto">Độc lập - Tự do - Hạnh phúc</p></div>
  </div>
  <p class="place">Hà Nội, ngày ${d} tháng ${m} năm ${y}</p>
  <h1>BÁO CÁO${report.provisional ? ' (TẠM TÍNH)' : ''}</h1>
  ${report.provisional ? `<p class="stamp">${escape(provisionalStamp(report))}: kỳ báo cáo chưa kết thúc hoặc số liệu chưa qua ngày cuối kỳ, các số liệu còn thay đổi.</p>` : ''}
  <h2 class="subject">Tình hình xử lý văn bản trên Hệ thống quản lý văn bản và điều hành<br>từ ngày ${date(report.period.from)} đến ngày ${date(report.period.to)}</h2>
  <p class="body">Thực hiện Kế hoạch số 222/KH-UBND của UBND Thành phố, Sở Nội vụ báo cáo tình hình xử lý văn bản của ${escape(scopeTitle(report))}
    (${viewText(report.request.view)}; số liệu cập nhật đến ${escape(asOfText(total.data_as_of))}) như sau:</p>
  <p class="body">Kỳ báo cáo có ${count(total.working_days)} ngày làm việc (kỳ trước, từ ngày ${date(report.previous.from)} đến ngày ${date(report.previous.to)}: ${count(report.previousTotal.working_days)} ngày).
    Trong kỳ tiếp nhận ${count(now.received)} văn bản đến, bình quân ${perWorkingDay(now.received, total.working_days)} văn bản mỗi ngày làm việc (kỳ trước ${count(before.received)}, bình quân ${perWorkingDay(before.received, report.previousTotal.working_days)}), đã giải quyết ${count(now.completed)} văn bản;
    tỷ lệ giải quyết đúng hạn ${percent(now.on_time_rate)} (kỳ trước ${percent(before.on_time_rate)}); đến cuối kỳ còn ${count(now.open_overdue)} văn bản quá hạn chưa xử lý.
    Tỷ lệ xử lý văn bản trên hệ thống đạt ${percent(now.online_rate)}${total.target.online_rate === null ? '' : ` so với chỉ tiêu ${percent(total.target.online_rate)} (${total.target.met ? 'đạt' : 'chưa đạt'})`};
    ${count(total.outgoing.issued)} văn bản đi được ban hành, tỷ lệ ký số ${percent(total.outgoing.digitally_signed_rate)}.
    </p>
  <h3>Chỉ tiêu Kế hoạch 222/KH-UBND</h3>
  <table class="targets"><thead><tr><th>TT</th><th>Chỉ tiêu</th><th>Kỳ này</th><th>Mục tiêu</th><th>Đánh giá</th><th>Cơ quan chưa đạt</th></tr></thead><tbody>
  ${total.targets.map((target, i) => `<tr><td>${i + 1}</td><td class="name">${escape(targetNames[target.figure])}</td><td>${percent(target.value)}</td>`
    + `<td>${target.target === null ? '—' : targetPercent(target.target)}</td><td>${target.met === null ? 'Không áp dụng' : metText(target.met)}</td>`
    + `<td>${count(report.missed.find((m) => m.figure === target.figure)?.rows.length ?? 0)}</td></tr>`).join('\n')}
  </tbody></table>
  <div class="closing">
    <div class="recipients"><p><b><i>Nơi nhận:</i></b></p><p>- UBND Thành phố (để b/c);</p><p>- Các sở, ban, ngành; UBND các xã, phường;</p><p>- Lưu: VT.</p></div>
    <div class="signature"><p class="bold upper">KT. Giám đốc<br>Phó Giám đốc</p><p style="margin-top:48px"><i>(Ký số)</i></p><p class="bold signer">……………………………</p><p class="signer-note"><i>(Họ và tên người ký)</i></p></div>
  </div>
  <section class="appendix">
  <h2 class="appendix-title">PHỤ LỤC</h2>
  <p class="appendix-note"><i>(Kèm theo Báo cáo tình hình xử lý văn bản từ ngày ${date(report.period.from)} đến ngày ${date(report.period.to)})</i></p>
  ${groups}
  ${report.groups.length > 1 ? `<h3>Tổng hợp theo cấp</h3>
  <table><thead><tr><th>TT</th><th>Cấp</th><th>Văn bản đến</th><th>Đã giải quyết</th><th>Tỷ lệ đúng hạn</th><th>Quá hạn chưa xử lý</th><th>Xử lý trên hệ thống</th><th>Văn bản đi</th></tr></thead><tbody>
  ${report.groups.map((g, i) => `<tr><td>${i + 1}</td><td class="name">${escape(groupHeading(report, g.kind))}</td><td>${count(g.subtotal.received)}</td><td>${count(g.subtotal.completed)}</td><td>${percent(g.subtotal.on_time_rate)}</td><td>${count(g.subtotal.open_overdue)}</td><td>${percent(g.subtotal.online_rate)}</td><td>${count(g.subtotal.issued)}</td></tr>`).join('\n')}
  </tbody><tfoot><tr class="grand-total"><td></td><td class="name">Tổng cộng</td><td>${count(now.received)}</td><td>${count(now.completed)}</td><td>${percent(now.on_time_rate)}</td><td>${count(now.open_overdue)}</td><td>${percent(now.online_rate)}</td><td>${count(total.outgoing.issued)}</td></tr></tfoot></table>` : ''}
  ${report.missed.filter((m) => m.rows.length > 0).map((m) => `<p class="missed"><b>${escape(targetNames[m.figure])} — ${count(m.rows.length)} cơ quan, đơn vị chưa đạt:</b> ${m.rows.map((row) => escape(rowName(row))).join('; ')}.</p>`).join('\n')}
  </section>
  </body></html>`;
}

/** Renders the report to PDF bytes with Debian's Chromium. */
export async function reportPdf(report: Report): Promise<Buffer> {
  const browser = await launchChromium({ background: true });
  try {
    const page = await browser.newPage();
    await page.setContent(reportHtml(report), { waitUntil: 'load' });
    const pdf = await page.pdf({
      format: 'A4', preferCSSPageSize: true, printBackground: true,
    });
    return Buffer.from(pdf);
  } finally {
    await browser.close();
  }
}

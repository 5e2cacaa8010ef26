// The PDF report read back with Debian's poppler-utils: the text (pdftotext) keeps every diacritic of
// the administrative layout and carries the API's figures for the same period and scope; the first
// page rendered to an image (pdftoppm) has content; A4 pages, fonts embedded.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, buildReport, reportPdf } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { chromiumAvailable } from '../support/portal.js';
import { simulatedWarehouse } from '../support/warehouse.js';
import { expectedPercent } from '../support/shown-rate.js';

const today = '2025-09-30';
const tools = chromiumAvailable() && existsSync('/usr/bin/pdftotext') && existsSync('/usr/bin/pdftoppm');
const dir = mkdtempSync(path.join(tmpdir(), 'report-pdf-'));
const simulated = await simulatedWarehouse('report-pdf', { seed: 24, scale: 0.0005, until: today });
const app = await buildApp({ warehouse: simulated.warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
  rmSync(dir, { recursive: true, force: true });
});

const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const count = (n: number) => vi.format(n);
const viPercent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

test('the monthly city report as PDF: Decree 30 layout, Vietnamese intact, the API\'s figures', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(tools, 'Chromium and poppler-utils (bash infra/browser/install.sh)', t)) return;
  const report = await buildReport(simulated.warehouse, { period: 'monthly', calendar: false, at: '2025-05-01', scope: '000.00.00.H26', view: 'as_was' }, today);
  const file = path.join(dir, 'report.pdf');
  writeFileSync(file, await reportPdf(report));
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  for (const phrase of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Tình hình xử lý văn bản', 'Nơi nhận:', '(Họ và tên người ký)', 'Hà Nội, ngày 30 tháng 9 năm 2025', 'từ ngày 15/04/2025 đến ngày 14/05/2025']) {
    assert.ok(text.includes(phrase), `the PDF says "${phrase}"`);
  }
  const city = (await app.inject({ url: '/api/v1/kpis?agency=000.00.00.H26&from=2025-04-15&to=2025-05-14' })).json();
  assert.ok(text.includes(`tiếp nhận ${vi.format(city.incoming.received)} văn bản đến`), 'the city total as the API gives it');
  assert.ok(text.replace(/\s+/g, ' ').includes(`Kỳ báo cáo có ${vi.format(city.working_days)} ngày làm việc`), 'the working days of the period');
  assert.ok(text.includes(`${viPercent.format(expectedPercent(city.incoming.on_time_rate))} %`), 'the on-time rate in Vietnamese style, a space before % (pdftotext reads the no-break space as a space)');
  const row = report.groups.find((g) => g.kind === 'district')!.rows[0]!;
  // A district's level row is its own register, never with its communes (kpi.md, Grouped views).
  const district = (await app.inject({ url: `/api/v1/kpis?agency=${row.agency.code}&from=2025-04-15&to=2025-05-14&scope=self` })).json();
  // (its table row: numbered; the name also appears in the lists of agencies that missed a target)
  const line = text.split('\n').find((l) => l.includes(row.agency.name) && /^\s*\d+\s/.test(l)) ?? '';
  assert.ok(line.includes(vi.format(district.incoming.received)), `${row.agency.name}: received as the API gives it`);
  // It adds up: the city's own row is a group; the group subtotals add up to the grand total, which
  // is the city's figure, and the PDF prints that grand total.
  assert.equal(report.groups[0]!.kind, 'own', 'the city\'s own register is a group of its own');
  for (const figure of ['received', 'completed', 'completed_on_time', 'completed_late', 'open_overdue'] as const) {
    assert.equal(report.groups.reduce((n, g) => n + g.subtotal[figure], 0), city.incoming[figure], `${figure}: the subtotals add up to the grand total`);
  }
  const grand = text.split('\n').find((l) => /^\s*Tổng cộng\s/.test(l)) ?? '';
  assert.ok(grand.includes(vi.format(city.incoming.received)) && grand.includes(vi.format(city.incoming.completed)), `the grand total line: ${grand}`);
  // Read back from the text alone: each group's subtotal line ("Cộng") and the grand total, which they add up to.
  const firstNumber = (line: string) => Number(/\s(\d{1,3}(?:\.\d{3})*)\s/.exec(line)?.[1]?.replaceAll('.', ''));
  const subtotalLines = text.split('\n').filter((l) => /^\s*Cộng\s/.test(l));
  assert.equal(subtotalLines.length, report.groups.length, 'a subtotal line per group');
  assert.equal(subtotalLines.reduce((n, l) => n + firstNumber(l), 0), firstNumber(grand), 'the printed subtotals add up to the printed grand total');
  assert.equal(firstNumber(grand), city.incoming.received);
  for (const group of report.groups) {
    const heading = group.kind === 'own' ? 'văn bản của chính cơ quan' : group.kind === 'rest' ? 'Các cơ quan đã giải thể, sáp nhập' : '';
    if (heading) assert.ok(text.includes(heading), `the group ${group.kind} has its heading`);
  }
  // Every Plan 222 target with met or missed, and the agencies that missed each, by name.
  assert.ok(text.includes('Chỉ tiêu Kế hoạch 222/KH-UBND'));
  const flat = text.replace(/\s+/g, ' ');
  for (const name of ['Tỷ lệ văn bản đến được xử lý trên hệ thống', 'Tỷ lệ hồ sơ công việc lập trên hệ thống', 'Tỷ lệ cơ quan, đơn vị sử dụng hệ thống', 'Tỷ lệ văn bản đến qua liên thông', 'Tỷ lệ văn bản đi gửi điện tử']) {
    assert.ok(flat.includes(name), `the target "${name}"`);
  }
  const missedOne = report.missed.find((m) => m.rows.length > 0);
  if (missedOne) {
    assert.ok(flat.includes(`${count(missedOne.rows.length)} cơ quan, đơn vị chưa đạt:`), 'how many missed it');
    for (const row of missedOne.rows.slice(0, 3)) assert.ok(flat.includes(row.agency.name), `${row.agency.name} is listed as having missed it`);
  }
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  assert.match(info, /Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
  // The letter on portrait pages, the appendix (every figure and target of each agency) on landscape ones.
  const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', String(Number(/Pages:\s+(\d+)/.exec(info)![1])), file], { encoding: 'utf8' });
  assert.match(sizes, /Page\s+1 size:\s+59[45]\.\d+ x 841\.\d+ pts/, 'page 1 portrait');
  assert.match(sizes.trim().split('\n').filter((l) => /^Page\s+\d+ size/.test(l)).at(-1)!, /841\.\d+ x 59[45]\.\d+ pts/, 'the appendix landscape');
  // Page 1 and the last page as images, for the README (docs/).
  const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs');
  mkdirSync(artifacts, { recursive: true });
  const pageCount = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);
  for (const [name, n] of [['report-pdf-page-1', 1], ['report-pdf-page-last', pageCount]] as const) {
    execFileSync('pdftoppm', ['-f', String(n), '-l', String(n), '-r', '70', '-png', '-singlefile', file, path.join(artifacts, name)]);
  }
  // Page numbers at the top centre from page 2 on (Decree 30): page 1 has none.
  const printed = text.split('\f').filter((page) => page.trim() !== '');
  assert.ok(printed.length >= 2, 'the monthly city report runs to more than one page');
  for (const [i, page] of printed.entries()) {
    const top = page.split('\n').find((line) => line.trim() !== '')!.trim();
    if (i === 0) assert.doesNotMatch(top, /^\d+$/, 'no number on page 1');
    else assert.equal(top, String(i + 1), `page ${i + 1} numbered at its top`);
  }
  assert.ok(!text.includes('TẠM TÍNH'), 'a closed period whose data reach past it is final');
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  // The "emb" column (Chromium also writes a few Type 3 glyph sets, embedded whole).
  assert.ok(fonts.length > 0 && fonts.every((f) => /\s(Identity-H|Custom)\s+yes\s/.test(f)), `every font embedded:\n${fonts.join('\n')}`);
  // One serif family for every glyph (issue 17): with fonts-liberation 1.07 Chromium drew ậ ế ư ờ in DejaVuSans.
  assert.ok(fonts.some((f) => f.includes('LiberationSerif')), 'the report\'s serif font');
  const families = new Set(fonts.map((f) => /^[A-Z]{6}\+([A-Za-z]+?)(-(Bold|Italic|BoldItalic))?\s/.exec(f)?.[1] ?? f));
  assert.deepEqual([...families], ['LiberationSerif'], `exactly one family embedded, in its styles:\n${fonts.join('\n')}`);
  assert.deepEqual(fonts.filter((f) => /DejaVu|Sans/.test(f)), [], 'no letter drawn in a fallback sans');

  // The current period (15/09 – 14/10/2025 on 30/09): provisional in its title and at the top of every page.
  const current = await buildReport(simulated.warehouse, { period: 'monthly', calendar: false, at: today, scope: '000.00.00.H26', view: 'as_was' }, today);
  const currentFile = path.join(dir, 'current.pdf');
  writeFileSync(currentFile, await reportPdf(current));
  const currentText = execFileSync('pdftotext', ['-layout', currentFile, '-'], { encoding: 'utf8' });
  assert.match(currentText, /BÁO CÁO \(TẠM TÍNH\)/);
  const pages = currentText.split('\f').filter((page) => page.trim() !== '');
  for (const [i, page] of pages.entries()) assert.match(page, /TẠM TÍNH — số liệu đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/, `page ${i + 1} is stamped`);

  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '40', '-gray', file, path.join(dir, 'page')]);
  const pgm = execFileSync('sh', ['-c', `cat ${path.join(dir, 'page')}-*.pgm`]);
  // Binary PGM: the header's three numbers, then one byte per pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
  const pixels = pgm.subarray(header[0].length);
  const dark = pixels.reduce((n, value) => n + (value < 128 ? 1 : 0), 0);
  assert.ok(dark > 2000, `page 1 has content (${dark} dark pixels)`);
});

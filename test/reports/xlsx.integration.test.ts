// The Excel report read back: every agency row equals the API's summary of that agency for the same
// period and view, subtotals equal the sum of their rows, the summary sheet equals the scope's
// summary and the previous period's, and the same report gives the same bytes. LibreOffice (Debian)
// converts it to CSV without error and every value survives; a one-level report totals its level.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { buildApp, buildReport, reportWorkbook } from '@vanban/api';
import { requireOrSkip } from '../support/ci.js';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-09-30';
const simulated = await simulatedWarehouse('report-xlsx', { seed: 23, scale: 0.001, until: today });
const app = await buildApp({ warehouse: simulated.warehouse, today: () => today, logLevel: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'report-xlsx-'));
after(async () => {
  await app.close();
  await simulated.remove();
  rmSync(dir, { recursive: true, force: true });
});
const api = async (agency: string, from: string, to: string, scope = 'subtree') => (await app.inject({ url: `/api/v1/kpis?agency=${agency}&from=${from}&to=${to}&scope=${scope}` })).json();
/** The sheet of each group of a report (the scope's own register, each level, the agencies dissolved). */
const sheetOf: Record<string, string> = { own: 'Văn bản của chính cơ quan', department: 'Sở, ban, ngành', district: 'Quận, huyện, thị xã', commune: 'Xã, phường, thị trấn', other: 'Đơn vị khác', rest: 'Cơ quan đã giải thể' };

test('the quarterly city report (statutory cut-off) as .xlsx equals the API, row by row', async () => {
  const request = { period: 'quarterly' as const, calendar: false, at: '2025-05-20', scope: '000.00.00.H26', view: 'as_was' as const };
  const report = await buildReport(simulated.warehouse, request, today);
  assert.deepEqual(report.period, { from: '2025-03-15', to: '2025-06-14', year: 2025, number: 2 });
  assert.deepEqual(report.previous, { from: '2024-12-15', to: '2025-03-14' }, 'the statutory quarter before');
  const file = await reportWorkbook(report);
  await new Promise((resolve) => setTimeout(resolve, 2100)); // past the zip format's two-second clock: no time of day in the file
  assert.ok((await reportWorkbook(report)).equals(file), 'the same report gives the same bytes');

  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as the older, non-generic Buffer: hand it the bytes as an ArrayBuffer.
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  assert.deepEqual(report.groups.map((g) => g.kind).filter((k) => k !== 'rest'), ['own', 'department', 'district', 'commune'], 'the city\'s own row, then every level');
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Tổng hợp', ...report.groups.map((g) => sheetOf[g.kind]!), 'Chưa đạt chỉ tiêu']);

  const summary = workbook.getWorksheet('Tổng hợp')!;
  const [city, previous] = await Promise.all([api('000.00.00.H26', '2025-03-15', '2025-06-14'), api('000.00.00.H26', '2024-12-15', '2025-03-14')]);
  const line = (label: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === label)!;
  assert.equal(line('Văn bản đến').getCell(2).value, city.incoming.received);
  assert.equal(line('Văn bản đến').getCell(3).value, previous.incoming.received);
  assert.equal(line('Văn bản đến').getCell(4).value, city.incoming.received - previous.incoming.received);
  assert.equal(line('Tỷ lệ giải quyết đúng hạn').getCell(2).value, city.incoming.on_time_rate);
  // No rate short of 100 % shows as 100 %, nor one short of another multiple of 5 % (a target or a
  // colour band's line) as that multiple, nor one above 0 as 0 %: every cell of a rate keeps the
  // exact value, under a format with the decimals that show it on its side (Excel rounds half up).
  let rates = 0;
  for (const sheet of workbook.worksheets) {
    sheet.eachRow((row) => row.eachCell((cell) => {
      const format = String(cell.numFmt ?? '');
      if (!/^0(\.0+)?%$/.test(format) || typeof cell.value !== 'number' || cell.value <= 0 || cell.value >= 1) return;
      rates++;
      const places = format.includes('.') ? format.length - '0.%'.length : 0;
      if (format === '0%') return; // the targets' column (whole per cents, never a rate of data)
      const shown = Math.round(cell.value * 100 * 10 ** places) / 10 ** places;
      const ontoALine = shown > cell.value * 100 && Number.isInteger(Math.round(shown * 1e6) / 5e6);
      assert.ok(shown > 0 && !ontoALine, `${sheet.name}!${cell.address}: ${cell.value} shows as ${shown} % under ${format}`);
    }));
  }
  assert.ok(rates > 100, `the rates were checked (${rates})`);
  // Comparisons state the working days of both periods, and counts per working day (kpi.md, Comparisons).
  assert.equal(line('Số ngày làm việc').getCell(2).value, city.working_days);
  assert.equal(line('Số ngày làm việc').getCell(3).value, previous.working_days);
  assert.equal(line('Văn bản đến mỗi ngày làm việc').getCell(2).value, city.incoming.received / city.working_days);

  // It adds up (reports.md): one line per group, and the group subtotals add up to the grand total,
  // which is the city's /kpis, for every count shown.
  const header = summary.getRows(1, summary.rowCount)!.findIndex((r) => r.getCell(1).value === 'Tổng hợp theo cấp') + 1;
  assert.ok(header > 0, 'the summary sheet has the totals by level');
  const groupLines = report.groups.map((group, i) => {
    const row = summary.getRow(header + 1 + i);
    assert.equal(row.getCell(1).value, sheetOf[group.kind], `line ${i + 1} is the group ${group.kind}`);
    assert.equal(row.getCell(2).value, group.subtotal.received, `${group.kind}: the subtotal on the summary`);
    return row;
  });
  const grand = summary.getRow(header + 1 + report.groups.length);
  assert.equal(grand.getCell(1).value, 'Tổng cộng');
  const expected = [city.incoming.received, city.incoming.completed, city.incoming.completed_on_time, city.incoming.completed_late, city.incoming.open_overdue, city.outgoing.issued];
  expected.forEach((value, i) => {
    assert.equal(grand.getCell(2 + i).value, value, `grand total column ${2 + i} is the city's figure`);
    assert.equal(groupLines.reduce((n, row) => n + Number(row.getCell(2 + i).value), 0), value, `column ${2 + i}: the group subtotals add up to the grand total`);
  });

  // Every Plan 222 target (kpi.md, All targets) on the summary, as the API gives the city's, and one
  // list per target of the rows that missed it.
  const targetsAt = summary.getRows(1, summary.rowCount)!.findIndex((r) => r.getCell(1).value === 'Chỉ tiêu Kế hoạch 222/KH-UBND') + 1;
  assert.ok(targetsAt > 0, 'the summary lists the targets');
  const cityTargets = city.targets as { figure: string; value: number | null; target: number | null; met: boolean | null }[];
  assert.equal(cityTargets.length, 5);
  cityTargets.forEach((target, i) => {
    const row = summary.getRow(targetsAt + 1 + i);
    assert.equal(row.getCell(2).value, target.value, `${target.figure}: value`);
    assert.equal(row.getCell(3).value, target.target, `${target.figure}: target`);
    assert.equal(row.getCell(4).value, target.met === null ? 'không áp dụng trong kỳ' : target.met ? 'Đạt' : 'Chưa đạt', `${target.figure}: met`);
    assert.equal(row.getCell(5).value, report.missed.find((m) => m.figure === target.figure)!.rows.length, `${target.figure}: rows that missed it`);
  });
  const missedSheet = workbook.getWorksheet('Chưa đạt chỉ tiêu')!;
  const headings = missedSheet.getRows(1, missedSheet.rowCount)!.map((r) => String(r.getCell(1).value ?? '')).filter((v) => / cơ quan, đơn vị chưa đạt$/.test(v));
  assert.equal(headings.length, 5, 'one list per target');
  assert.ok(report.missed.some((m) => m.rows.length > 0), 'some agency missed some target in the quarter');
  const allRows = report.groups.flatMap((g) => g.rows);
  for (const { figure, rows } of report.missed) {
    assert.deepEqual(rows.map((r) => r.agency.code), allRows.filter((r) => r.kpis.targets.find((t) => t.figure === figure)?.met === false).map((r) => r.agency.code));
  }

  for (const name of ['Quận, huyện, thị xã', 'Xã, phường, thị trấn']) {
    const sheet = workbook.getWorksheet(name)!;
    const headers = (sheet.getRow(4).values as unknown[]).map(String);
    for (const wanted of ['Bị trả lại', 'Đang xử lý trong hạn', 'Số ngày xử lý (trung vị)', 'Tỷ lệ văn bản đến liên thông', 'Tỷ lệ văn bản đi gửi điện tử', 'Số ngày soạn thảo (trung vị)', 'Tỷ lệ hồ sơ lập trên hệ thống']) {
      assert.ok(headers.includes(wanted), `${name}: column ${wanted}`);
    }
    assert.equal(headers.filter((h) => h.startsWith('Chỉ tiêu: ')).length, 5, `${name}: a column per target`);
    // (read back as a range: from the header to the last agency row, every column)
    assert.equal(sheet.autoFilter, `A4:${sheet.getColumn(headers.length - 1).letter}${sheet.rowCount - 1}`, `${name}: AutoFilter over the agency rows`);
    assert.equal(sheet.views[0]?.state, 'frozen', `${name}: frozen header`);
    const rows = sheet.getRows(5, sheet.rowCount - 5)!; // after two title lines, a blank line and the header; the last row is the subtotal
    const subtotalRow = sheet.getRow(sheet.rowCount);
    assert.match(String(subtotalRow.getCell(2).value), /^Cộng \(\d+ cơ quan\)$/);
    for (const column of [3, 4, 5, 6, 8]) {
      assert.equal(rows.reduce((n, r) => n + Number(r.getCell(column).value), 0), subtotalRow.getCell(column).value, `${name}: column ${column} adds up`);
    }
    for (const row of [rows[0]!, rows[rows.length - 1]!]) {
      // A level row is the agency with its `other` units (none in the simulation): never a district with its communes.
      const kpis = await api(String(row.getCell(1).value), '2025-03-15', '2025-06-14', 'self');
      assert.equal(row.getCell(3).value, kpis.incoming.received, `${name} ${row.getCell(1).value}: received`);
      assert.equal(row.getCell(8).value, kpis.incoming.open_overdue, `${name} ${row.getCell(1).value}: overdue`);
      assert.equal(row.getCell(7).value, kpis.incoming.on_time_rate, `${name} ${row.getCell(1).value}: on-time rate`);
      // The change against the previous quarter, per agency.
      const then = await api(String(row.getCell(1).value), '2024-12-15', '2025-03-14', 'self');
      const at = (header: string) => row.getCell(headers.indexOf(header)).value;
      assert.equal(at('Văn bản đến kỳ trước'), then.incoming.received, `${name} ${row.getCell(1).value}: received the quarter before`);
      assert.equal(at('Thay đổi văn bản đến'), kpis.incoming.received - then.incoming.received);
    }
  }
});

/** One CSV line as LibreOffice writes it: comma-separated, fields with commas or quotes in double quotes. */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  const pattern = /("((?:[^"]|"")*)"|[^,]*)(,|$)/g;
  for (let match = pattern.exec(line); match && match.index < line.length; match = pattern.exec(line)) {
    fields.push(match[2] !== undefined ? match[2].replace(/""/g, '"') : match[1]!);
    if (match[3] === '') break;
  }
  return fields;
}

test('LibreOffice opens the .xlsx and converts every sheet to CSV with the values intact', { timeout: 120_000 }, async (t) => {
  if (!requireOrSkip(existsSync('/usr/bin/soffice'), 'LibreOffice Calc (bash infra/browser/install.sh)', t)) return;
  const report = await buildReport(simulated.warehouse, { period: 'half', calendar: false, at: '2025-03-01', scope: '000.00.00.H26', view: 'as_was' }, today);
  const file = path.join(dir, 'half.xlsx');
  writeFileSync(file, await reportWorkbook(report));
  // Filter options: comma, double quote, UTF-8, from line 1, cells as stored (not as shown: full
  // precision), and the last token -1: every sheet to its own file.
  execFileSync('soffice', [
    `-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1', '--outdir', dir, file,
  ], { stdio: 'pipe', timeout: 90_000 });
  const sheets = readdirSync(dir).filter((name) => name.startsWith('half-') && name.endsWith('.csv'));
  assert.deepEqual(sheets.sort(), ['Chưa đạt chỉ tiêu', 'Tổng hợp', ...report.groups.map((g) => sheetOf[g.kind]!)].map((name) => `half-${name}.csv`).sort());
  const read = (sheet: string) => readFileSync(path.join(dir, `half-${sheet}.csv`), 'utf8').split('\n').filter(Boolean).map(csvFields);

  const summary = read('Tổng hợp');
  assert.ok(summary[0]![0]!.includes('Báo cáo tình hình xử lý văn bản'), 'Vietnamese survives');
  assert.deepEqual(summary.find((row) => row[0] === 'Văn bản đến')!.slice(1, 3).map(Number), [report.total.incoming.received, report.previousTotal.incoming.received]);

  const checked = { rows: 0, cells: 0 };
  for (const group of report.groups) {
    const sheet = read(sheetOf[group.kind]!);
    const byCode = new Map(sheet.map((row) => [row[0], row]));
    for (const row of group.rows) {
      const cells = byCode.get(row.agency.code);
      assert.ok(cells, `${row.agency.code} is in the CSV`);
      if (row.row === 'rest') assert.match(cells[1]!, /^Các cơ quan đã giải thể, sáp nhập \(\d+\): /);
      else assert.equal(cells[1], row.agency.name);
      const { incoming } = row.kpis;
      const expected = [incoming.received, incoming.completed, incoming.completed_on_time, incoming.completed_late, incoming.on_time_rate, incoming.open_overdue, incoming.online_rate];
      expected.forEach((value, i) => {
        const cell = cells[2 + i]!;
        if (value === null) assert.equal(cell, '', `${row.agency.code} column ${3 + i} empty`);
        // Rates come out as percentages ("88.671875%") with every digit of the stored value.
        else assert.ok(Math.abs((cell.endsWith('%') ? Number(cell.slice(0, -1)) / 100 : Number(cell)) - value) < 1e-9, `${row.agency.code} column ${3 + i}: ${cell} = ${value}`);
        checked.cells++;
      });
      checked.rows++;
    }
    const subtotal = sheet[sheet.length - 1]!;
    assert.match(subtotal[1]!, /^Cộng \(\d+ cơ quan\)$/);
    assert.equal(Number(subtotal[2]), group.subtotal.received, `${group.kind}: subtotal survives`);
  }
  assert.ok(checked.rows > 30, `${checked.rows} agency rows, ${checked.cells} cells compared`);
});

test('a one-level report (every commune of the city) totals that level: its total is the sum of its rows', async () => {
  const report = await buildReport(simulated.warehouse, { period: 'yearly', calendar: true, at: '2024-06-01', scope: '000.00.00.H26', kind: 'commune', view: 'as_was' }, today);
  assert.deepEqual(report.groups.map((group) => group.kind), ['commune']);
  const [communes] = report.groups;
  assert.ok(communes!.rows.length > 100, `${communes!.rows.length} communes`);
  for (const figure of ['received', 'completed', 'completed_on_time', 'completed_late', 'open_overdue'] as const) {
    assert.equal(report.total.incoming[figure], communes!.subtotal[figure], `${figure}: the level's total is the sum of its communes`);
  }
  assert.equal(report.total.outgoing.issued, communes!.subtotal.issued);
  const city = (await app.inject({ url: '/api/v1/kpis?agency=000.00.00.H26&from=2024-01-01&to=2024-12-31' })).json();
  assert.ok(report.total.incoming.received < city.incoming.received, 'less than the whole city, which has departments and districts too');
  // Filed as it was: Phường Văn Miếu, renamed Văn Miếu - Quốc Tử Giám on 2025-01-01, has its 2024 name.
  const file = await reportWorkbook(report);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  const names = (workbook.getWorksheet(sheetOf['commune']!)!.getColumn(2).values as unknown[]).map(String);
  assert.ok(names.includes('UBND Phường Văn Miếu'), 'the 2024 name');
  assert.ok(!names.includes('UBND Phường Văn Miếu - Quốc Tử Giám'), 'not the name it took in 2025');
});

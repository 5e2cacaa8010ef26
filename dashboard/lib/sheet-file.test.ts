import { test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { sheetFile, type SheetCell } from './sheet-file';

test('a 5,000-row sheet is written without holding the event loop, and reads back as written', async () => {
  const rows: SheetCell[][] = Array.from({ length: 5000 }, (_, i) => [
    i + 1, new Date(Date.UTC(2025, 9, 1 + (i % 28))), `Về việc đề nghị hướng dẫn thủ tục cấp phép xây dựng công trình số ${i + 1}`, (i % 1000) / 1000, i % 9 === 0 ? null : `Nguyễn Văn ${i}`,
  ]);
  const columns = [
    { header: 'Số đến', width: 10 }, { header: 'Ngày đến', width: 12, numFmt: 'dd/mm/yyyy' }, { header: 'Trích yếu', width: 60 },
    { header: 'Tỷ lệ', width: 10, numFmt: '0.0%' }, { header: 'Cán bộ chủ trì', width: 26 },
  ];
  // The server's first file also loads and compiles the writer (about 0.1 s, once).
  await sheetFile({ sheet: 'Khởi động', lines: [], columns, rows: rows.slice(0, 10) });
  // How late a timer due every 10 ms fires while the file is written (a workbook built whole and then
  // zipped held the loop 0.43 s for such a list).
  let worst = 0;
  let due = performance.now() + 10;
  const timer = setInterval(() => { const now = performance.now(); worst = Math.max(worst, now - due); due = now + 10; }, 10);
  const file = await sheetFile({
    sheet: 'Văn bản quá hạn',
    lines: [{ text: 'Văn bản đến quá hạn chưa xử lý — Sở Xây dựng', bold: true }, { text: '5.000 văn bản.' }, { text: '' }],
    columns,
    rows,
  });
  // A timer held up fires late, after the work: wait for it before reading.
  await new Promise((resolve) => setTimeout(resolve, 30));
  clearInterval(timer);
  assert.ok(worst < 100, `the event loop was held up ${worst.toFixed(0)} ms`);

  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file));
  const sheet = workbook.getWorksheet('Văn bản quá hạn')!;
  assert.equal(sheet.getCell('A1').value, 'Văn bản đến quá hạn chưa xử lý — Sở Xây dựng');
  assert.equal(sheet.getCell('A1').font?.bold, true);
  assert.equal(sheet.getCell('A2').value, '5.000 văn bản.');
  assert.equal(sheet.getRow(3).cellCount, 0, 'a blank line');
  assert.deepEqual((sheet.getRow(4).values as unknown[]).slice(1), ['Số đến', 'Ngày đến', 'Trích yếu', 'Tỷ lệ', 'Cán bộ chủ trì']);
  assert.equal(sheet.getCell('B4').font?.bold, true);
  assert.equal(sheet.rowCount, 4 + rows.length);
  for (const index of [0, 1234, 4999]) {
    const row = sheet.getRow(5 + index);
    const expected = rows[index]!;
    expected.forEach((value, column) => assert.deepEqual(row.getCell(column + 1).value, value, `row ${index}, column ${column + 1}`));
    assert.equal(row.getCell(2).numFmt, 'dd/mm/yyyy');
    assert.equal(row.getCell(4).numFmt, '0.0%');
  }
  assert.equal(sheet.getColumn(3).width, 60);
});

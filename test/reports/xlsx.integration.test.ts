// The Excel report read back: every agency row equals the API's summary of that agency for the same
// period and view, subtotals equal the sum of their rows, the summary sheet equals the scope's
// summary and the previous period's, and the same report gives the same bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { buildApp, buildReport, reportWorkbook } from '@vanban/api';
import { simulatedWarehouse } from '../support/warehouse.js';

const today = '2025-09-30';
const simulated = await simulatedWarehouse('report-xlsx', { seed: 23, scale: 0.001, until: today });
const app = await buildApp({ warehouse: simulated.warehouse, today: () => today, logLevel: 'silent' });
after(async () => {
  await app.close();
  await simulated.remove();
});
const api = async (agency: string, from: string, to: string) => (await app.inject({ url: `/api/v1/kpis?agency=${agency}&from=${from}&to=${to}` })).json();

test('the quarterly city report (statutory cut-off) as .xlsx equals the API, row by row', async () => {
  const request = { period: 'quarterly' as const, calendar: false, at: '2025-05-20', scope: '000.00.00.H26', view: 'as_was' as const };
  const report = await buildReport(simulated.warehouse, request, today);
  assert.deepEqual(report.period, { from: '2025-03-15', to: '2025-06-14', year: 2025, number: 2 });
  assert.deepEqual(report.previous, { from: '2024-12-15', to: '2025-03-14' }, 'the statutory quarter before');
  const file = await reportWorkbook(report);
  assert.ok((await reportWorkbook(report)).equals(file), 'the same report gives the same bytes');

  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as the older, non-generic Buffer: hand it the bytes as an ArrayBuffer.
  await workbook.xlsx.load(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength) as ArrayBuffer);
  assert.deepEqual(workbook.worksheets.map((s) => s.name), ['Tổng hợp', 'Sở, ban, ngành', 'Quận, huyện, thị xã', 'Xã, phường, thị trấn', 'Chưa đạt chỉ tiêu']);

  const summary = workbook.getWorksheet('Tổng hợp')!;
  const [city, previous] = await Promise.all([api('000.00.00.H26', '2025-03-15', '2025-06-14'), api('000.00.00.H26', '2024-12-15', '2025-03-14')]);
  const line = (label: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === label)!;
  assert.equal(line('Văn bản đến').getCell(2).value, city.incoming.received);
  assert.equal(line('Văn bản đến').getCell(3).value, previous.incoming.received);
  assert.equal(line('Văn bản đến').getCell(4).value, city.incoming.received - previous.incoming.received);
  assert.equal(line('Tỷ lệ giải quyết đúng hạn').getCell(2).value, city.incoming.on_time_rate);

  for (const name of ['Quận, huyện, thị xã', 'Xã, phường, thị trấn']) {
    const sheet = workbook.getWorksheet(name)!;
    assert.equal(sheet.views[0]?.state, 'frozen', `${name}: frozen header`);
    const rows = sheet.getRows(5, sheet.rowCount - 5)!; // after two title lines, a blank line and the header; the last row is the subtotal
    const subtotalRow = sheet.getRow(sheet.rowCount);
    assert.match(String(subtotalRow.getCell(2).value), /^Cộng \(\d+ cơ quan\)$/);
    for (const column of [3, 4, 5, 6, 8]) {
      assert.equal(rows.reduce((n, r) => n + Number(r.getCell(column).value), 0), subtotalRow.getCell(column).value, `${name}: column ${column} adds up`);
    }
    for (const row of [rows[0]!, rows[rows.length - 1]!]) {
      const kpis = await api(String(row.getCell(1).value), '2025-03-15', '2025-06-14');
      assert.equal(row.getCell(3).value, kpis.incoming.received, `${name} ${row.getCell(1).value}: received`);
      assert.equal(row.getCell(8).value, kpis.incoming.open_overdue, `${name} ${row.getCell(1).value}: overdue`);
      assert.equal(row.getCell(7).value, kpis.incoming.on_time_rate, `${name} ${row.getCell(1).value}: on-time rate`);
    }
  }
});

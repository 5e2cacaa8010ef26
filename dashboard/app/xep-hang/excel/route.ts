// GET /xep-hang/excel — the ranking on screen as an Excel workbook (same rows, same order, rates as
// percentages Excel can compute with), named after its kind, rate and period.
import ExcelJS from 'exceljs';
import type { NextRequest } from 'next/server';
import { fetchBreakdown } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatAsOf } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView } from '@/lib/params';
import { minVolume, rankingColumns, rankingKind, rankingRate } from '@/lib/rankings';

export async function GET(request: NextRequest): Promise<Response> {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const view = readView(params);
  const kind = rankingKind(params['kind']);
  const rate = rankingRate(params['rank_by']);
  const ranking = await fetchBreakdown({ agency: cityCode, from: view.from, to: view.to, view: view.view, rank_by: rate.key, kind });
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Phân tích xử lý văn bản — UBND Thành phố Hà Nội';
  const sheet = workbook.addWorksheet('Xếp hạng');
  const columns = rankingColumns(rate.label);
  sheet.addRow([`Xếp hạng ${kindLabels[kind]?.toLowerCase()} theo ${rate.label.toLowerCase()}, từ ${view.from} đến ${view.to} (${view.view === 'as_is' ? 'theo cơ cấu hiện nay' : 'theo cơ cấu tại thời điểm phát sinh'})`]).font = { bold: true };
  sheet.addRow([`Chỉ xếp hạng khi có từ ${minVolume} ${rate.volume}. Dữ liệu cập nhật đến ${formatAsOf(ranking.data_as_of) ?? "(chưa có)"}.`]);
  sheet.addRow([]);
  // Column headers in the reader's language (titles above stay Vietnamese: the file is a report).
  const { t } = await getT();
  sheet.addRow(columns.map((c) => t(c.header))).font = { bold: true };
  for (const row of ranking.children) sheet.addRow(columns.map((c) => c.value(row)));
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = c.header === 'Cơ quan, đơn vị' ? 48 : 16;
    if (c.percent) column.numFmt = '0.0%';
  });
  const body = await workbook.xlsx.writeBuffer();
  const name = `xep-hang-${kind}-${rate.key}-${view.from}-${view.to}.xlsx`;
  return new Response(body, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
    },
  });
}

// GET /xep-hang/excel — the ranking on screen as an Excel workbook (same rows, same order and
// selection, rates as percentages Excel can compute with), named after its kind, rate and period.
// A kind without agencies in the period has no ranking: a 404 with a sentence, not an empty file.
import type { NextRequest } from 'next/server';
import { AccessError, ApiError } from '@/lib/api';
import { cityCode } from '@/lib/config';
import { formatAsOf, formatDate } from '@/lib/format';
import { getT } from '@/lib/i18n';
import { kindLabels } from '@/lib/kinds';
import { readView } from '@/lib/params';
import { sheetFile } from '@/lib/sheet-file';
import { arrangeRanking, chooseKind, fetchKindRankings, minVolume, rankingColumns, rankingKind, rankingOrder, rankingRate, rankingShows } from '@/lib/rankings';

const text = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export async function GET(request: NextRequest): Promise<Response> {
  const params = Object.fromEntries(request.nextUrl.searchParams);
  const view = readView(params);
  const rate = rankingRate(params['rank_by']);
  const columns = rankingColumns(rate.label);
  const order = rankingOrder(params, columns);
  let rankings;
  try {
    rankings = await fetchKindRankings(view, cityCode, rate.key);
  } catch (error) {
    if (error instanceof AccessError) return text(error.status, t403(error.status));
    if (error instanceof ApiError && error.status === 400) return text(400, error.message);
    return text(502, error instanceof ApiError ? error.message : 'Không tải được bảng xếp hạng.');
  }
  const kind = chooseKind(rankingKind(params['kind']), rankings);
  const ranking = kind ? rankings.get(kind) : undefined;
  if (!kind || !ranking || ranking.children.length === 0) {
    return text(404, `Không có ${kind ? kindLabels[kind]?.toLowerCase() : 'cơ quan'} nào trong kỳ từ ${formatDate(view.from)} đến ${formatDate(view.to)}, nên không có bảng xếp hạng.`);
  }
  const rows = arrangeRanking(ranking.children, order, columns);
  if (rows.length === 0) return text(404, `Chưa có cơ quan nào đủ ${minVolume} ${rate.volume} để xếp hạng trong kỳ từ ${formatDate(view.from)} đến ${formatDate(view.to)}.`);
  const shown = order.show === 'tat-ca' ? '' : `, ${rankingShows[order.show].toLowerCase()}`;
  // Column headers in the reader's language (titles above stay Vietnamese: the file is a report).
  const { t } = await getT();
  const body = await sheetFile({
    sheet: 'Xếp hạng',
    lines: [
      { text: `Xếp hạng ${kindLabels[kind]?.toLowerCase()} theo ${rate.label.toLowerCase()}${shown}, từ ${formatDate(view.from)} đến ${formatDate(view.to)} (${view.view === 'as_is' ? 'theo cơ cấu hiện nay' : 'theo cơ cấu tại thời điểm phát sinh'})`, bold: true },
      { text: `Chỉ xếp hạng khi có từ ${minVolume} ${rate.volume}. Dữ liệu cập nhật đến ${formatAsOf(ranking.data_as_of) ?? '(chưa có)'}.` },
      { text: '' },
    ],
    columns: columns.map((c) => ({ header: t(c.header), width: c.key === 'ten' ? 48 : 16, ...(c.percent ? { numFmt: '0.0%' } : {}) })),
    rows: rows.map((row) => columns.map((c) => c.value(row))),
  });
  const name = `xep-hang-${kind}-${rate.key}-${view.from}-${view.to}.xlsx`;
  return new Response(body, {
    headers: {
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${name}"`,
    },
  });
}

function t403(status: 401 | 403): string {
  return status === 401 ? 'Vui lòng đăng nhập để tải bảng xếp hạng.' : 'Bảng xếp hạng toàn Thành phố chỉ dành cho tài khoản được xem số liệu của cả Thành phố.';
}

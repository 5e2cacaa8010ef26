// GET /co-quan/{code}/van-ban-qua-han/excel — the overdue list as filtered on screen (same filters,
// same order), every page of it up to `excelRowLimit` rows, as an Excel workbook: working days
// overdue as numbers Excel can sum, dates as dates. Read from the API as the signed-in person, so
// the API's rights and audit apply; a filter it does not know is a 400 with a sentence.
import type { NextRequest } from 'next/server';
import { AccessError, ApiError, fetchOpenDocuments, type OpenDocuments } from '@/lib/api';
import { agencyIndex, subtreeOf } from '@/lib/agency-index';
import { portalToday } from '@/lib/config';
import { formatAsOf, formatCount } from '@/lib/format';
import { kindLabels } from '@/lib/kinds';
import { excelRowLimit, overdueQuery, readOverdueFilters, roleLabels, urgencyLabels } from '@/lib/overdue';
import { agencyCodeOf } from '@/lib/params';
import { sheetFile } from '@/lib/sheet-file';

type OpenDocument = OpenDocuments['documents'][number];

const text = (status: number, message: string) => new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

const lead = (d: OpenDocument) => d.assignees.filter((a) => a.role === 'lead');
const columns: { header: string; width: number; value: (d: OpenDocument) => string | number | Date | null }[] = [
  { header: 'Số đến', width: 10, value: (d) => d.reg_number },
  { header: 'Ngày đến', width: 12, value: (d) => new Date(`${d.received_date}T00:00:00Z`) },
  { header: 'Số, ký hiệu', width: 18, value: (d) => d.source_notation },
  { header: 'Cơ quan ban hành', width: 30, value: (d) => d.issuer_name },
  { header: 'Trích yếu', width: 60, value: (d) => d.summary },
  { header: 'Mã cơ quan nhận', width: 18, value: (d) => d.agency_code },
  { header: 'Cơ quan nhận', width: 36, value: (d) => d.agency_name },
  { header: 'Loại cơ quan', width: 20, value: (d) => kindLabels[d.agency_kind] ?? d.agency_kind },
  { header: 'Độ khẩn', width: 12, value: (d) => urgencyLabels[d.urgency] ?? d.urgency },
  { header: 'Hạn xử lý', width: 12, value: (d) => (d.due_date ? new Date(`${d.due_date}T00:00:00Z`) : null) },
  { header: 'Số ngày làm việc quá hạn', width: 14, value: (d) => d.days_overdue },
  { header: 'Đơn vị chủ trì', width: 30, value: (d) => lead(d).map((a) => a.unit ?? '').filter(Boolean).join('; ') || null },
  { header: 'Cán bộ chủ trì', width: 26, value: (d) => lead(d).map((a) => a.staff_name ?? '').filter(Boolean).join('; ') || null },
  { header: 'Phối hợp, để biết', width: 40, value: (d) => d.assignees.filter((a) => a.role !== 'lead').map((a) => `${roleLabels[a.role] ?? a.role}: ${[a.unit, a.staff_name].filter(Boolean).join(' — ')}`).join('; ') || null },
];

export async function GET(request: NextRequest, { params }: { params: Promise<{ code: string }> }): Promise<Response> {
  const code = agencyCodeOf((await params).code);
  const search = Object.fromEntries(request.nextUrl.searchParams);
  try {
    const { filters, rejected } = readOverdueFilters(search, subtreeOf(await agencyIndex(portalToday()), code));
    if (rejected.length > 0) return text(400, `Bộ lọc không hợp lệ: ${rejected.map(([name, value]) => `${name}=${value.slice(0, 64)}`).join(', ')}.`);
    const first = await fetchOpenDocuments(overdueQuery(code, filters, 1, 200));
    const documents = [...first.documents];
    for (let page = 2; documents.length < Math.min(first.total, excelRowLimit); page++) {
      const next = await fetchOpenDocuments(overdueQuery(code, filters, page, 200));
      if (next.documents.length === 0) break;
      documents.push(...next.documents);
    }
    const rows = documents.slice(0, excelRowLimit);
    const body = await sheetFile({
      sheet: 'Văn bản quá hạn',
      lines: [
        { text: `Văn bản đến quá hạn chưa xử lý — ${first.agency.name}, tính đến ngày ${first.as_of.split('-').reverse().join('/')}`, bold: true },
        { text: `${formatCount(first.total)} văn bản${rows.length < first.total ? `; tệp gồm ${formatCount(rows.length)} văn bản quá hạn lâu nhất theo thứ tự đã chọn` : ''}. Số ngày quá hạn là ngày làm việc. Dữ liệu cập nhật đến ${formatAsOf(first.data_as_of) ?? '(chưa có)'}.` },
        { text: `Bộ lọc: ${[filters.agency ? `cơ quan nhận ${filters.agency}` : null, filters.kind ? `loại ${kindLabels[filters.kind] ?? filters.kind}` : null, filters.urgency ? `độ khẩn ${urgencyLabels[filters.urgency]}` : null].filter(Boolean).join(', ') || 'không'}; thứ tự: ${filters.order === 'moi-qua-han' ? 'mới quá hạn trước' : 'quá hạn lâu nhất trước'}.` },
      ],
      columns: columns.map((c) => ({ header: c.header, width: c.width, ...(c.header === 'Ngày đến' || c.header === 'Hạn xử lý' ? { numFmt: 'dd/mm/yyyy' } : {}) })),
      rows: rows.map((document) => columns.map((c) => c.value(document))),
    });
    return new Response(body, {
      headers: {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="van-ban-qua-han_${first.agency.code}_${first.as_of}.xlsx"`,
      },
    });
  } catch (error) {
    if (error instanceof AccessError) return text(error.status, error.status === 401 ? 'Vui lòng đăng nhập để tải danh sách văn bản quá hạn.' : error.message);
    if (error instanceof ApiError && error.status === 404) return text(404, 'Không có cơ quan với mã này.');
    if (error instanceof ApiError && error.status === 400) return text(400, error.message);
    return text(502, error instanceof ApiError ? error.message : 'Không tải được danh sách văn bản.');
  }
}

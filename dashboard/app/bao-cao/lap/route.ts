// POST /bao-cao/lap — the report center's form: asks the API to make the report (archived there),
// then back to the center with the new one marked, or with the reason it could not be made.
import type { NextRequest } from 'next/server';
import { AccessError, ApiError, generateReport } from '@/lib/api';
import { seeOther } from '@/lib/redirect';

export async function POST(request: NextRequest): Promise<Response> {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? '');
  try {
    const entry = await generateReport({
      period: field('period'), calendar: field('calendar') === 'true', at: field('at'), scope: field('scope').trim(),
      ...(field('kind') ? { kind: field('kind') } : {}), view: field('view') || 'as_was', format: field('format'),
    });
    return seeOther(`/bao-cao?${new URLSearchParams({ moi: entry.id })}`);
  } catch (error) {
    const reason = error instanceof AccessError
      ? (error.status === 401 ? 'cần đăng nhập lại.' : 'tài khoản của bạn không được lập báo cáo cho cơ quan này.')
      : error instanceof ApiError ? error.message : 'lỗi không xác định.';
    return seeOther(`/bao-cao?${new URLSearchParams({ loi: reason })}`);
  }
}

// POST /bao-cao/lap — the report center's form: asks the API to make the report (archived there),
// then back to the center with the new one marked, or with the reason it could not be made (a code
// of lib/messages: the page shows only sentences of its own). The middleware has checked the origin.
import type { NextRequest } from 'next/server';
import { ApiError, generateReport } from '@/lib/api';
import { reportErrorCode } from '@/lib/messages';
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
    const reason = error instanceof ApiError ? reportErrorCode(error.status, error.code) : 'khac';
    return seeOther(`/bao-cao?${new URLSearchParams({ loi: reason })}`);
  }
}

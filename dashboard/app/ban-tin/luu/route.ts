// POST /ban-tin/luu — the digest form: subscribes (or changes the address or agency), or with
// `huy` unsubscribes; then back to /ban-tin with what happened or why not (a code of lib/messages).
// The middleware has checked the origin.
import type { NextRequest } from 'next/server';
import { ApiError, saveDigestSubscription } from '@/lib/api';
import { digestErrorCode } from '@/lib/messages';
import { seeOther } from '@/lib/redirect';

export async function POST(request: NextRequest): Promise<Response> {
  const form = await request.formData();
  const field = (name: string) => String(form.get(name) ?? '').trim();
  const cancel = field('huy') !== '';
  try {
    await saveDigestSubscription(cancel ? null : { email: field('email'), agency: field('agency') });
    return seeOther(`/ban-tin?${new URLSearchParams({ da: cancel ? 'huy' : 'luu' })}`);
  } catch (error) {
    const reason = error instanceof ApiError ? digestErrorCode(error.status, error.code) : 'khac';
    return seeOther(`/ban-tin?${new URLSearchParams({ loi: reason })}`);
  }
}

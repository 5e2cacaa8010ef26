// POST /bao-cao/lap — the report center's form: asks the API to make the report (archived there),
// then back to the center with the new one marked, or with the reason it could not be made (a code
// of lib/messages: the page shows only sentences of its own); either way with the choices made, so
// the form keeps them. The middleware has checked the origin.
import type { NextRequest } from 'next/server';
import { ApiError, generateReport } from '@/lib/api';
import { reportErrorCode } from '@/lib/messages';
import { seeOther } from '@/lib/redirect';
import { formChoices } from '@/lib/reports';

export async function POST(request: NextRequest): Promise<Response> {
  const form = await request.formData();
  const choices = formChoices((name) => String(form.get(name) ?? ''));
  const kept = new URLSearchParams(choices.query);
  try {
    const entry = await generateReport(choices.order);
    kept.set('moi', entry.id);
  } catch (error) {
    kept.set('loi', error instanceof ApiError ? reportErrorCode(error.status, error.code) : 'khac');
  }
  return seeOther(`/bao-cao?${kept}`);
}

// POST /phien — the sign-in form's target: asks the API for a token, keeps it in httpOnly cookies
// and returns to the page the person came from. The middleware has checked that the form is ours.
import type { NextRequest, NextResponse } from 'next/server';
import { demoSignIn } from '@/lib/api';
import { localPath, seeOther } from '@/lib/redirect';
import { secureCookies } from '@/lib/security';
import { keepSession } from '@/lib/session-cookies';

export async function POST(request: NextRequest): Promise<NextResponse> {
  const form = await request.formData().catch(() => new FormData());
  const back = localPath(form.get('next'));
  const signedIn = await demoSignIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
  if (!signedIn) return seeOther(`/dang-nhap?loi=1&next=${encodeURIComponent(back)}`);
  const response = seeOther(back);
  keepSession(response, { accessToken: signedIn.access_token, expiresIn: signedIn.expires_in }, signedIn.name, secureCookies(request));
  return response;
}

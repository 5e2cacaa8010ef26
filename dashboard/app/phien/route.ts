// POST /phien — the sign-in form's target: asks the API for a token, keeps it in httpOnly cookies
// and returns to the page the person came from.
import type { NextRequest, NextResponse } from 'next/server';
import { demoSignIn } from '@/lib/api';
import { localPath, seeOther } from '@/lib/redirect';
import { nameCookie, tokenCookie } from '@/lib/session';

export async function POST(request: NextRequest): Promise<NextResponse> {
  const form = await request.formData();
  const back = localPath(form.get('next'));
  const signedIn = await demoSignIn(String(form.get('username') ?? ''), String(form.get('password') ?? ''));
  if (!signedIn) return seeOther(`/dang-nhap?loi=1&next=${encodeURIComponent(back)}`);
  const response = seeOther(back);
  const cookie = { httpOnly: true, sameSite: 'lax' as const, path: '/', maxAge: signedIn.expires_in };
  response.cookies.set(tokenCookie, signedIn.access_token, cookie);
  response.cookies.set(nameCookie, signedIn.name, cookie);
  return response;
}

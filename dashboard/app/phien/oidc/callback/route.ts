// GET /phien/oidc/callback — the provider sends the browser back here with a code: check the state,
// exchange the code (with the PKCE verifier) for the API's access token, keep it, go back.
import type { NextRequest, NextResponse } from 'next/server';
import { exchangeCode, oidcSettings } from '@/lib/oidc';
import { seeOther } from '@/lib/redirect';
import { nameCookie, tokenCookie } from '@/lib/session';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const settings = oidcSettings();
  const pending = JSON.parse(request.cookies.get('vanban_oidc')?.value ?? '{}') as { state?: string; verifier?: string; next?: string };
  const params = request.nextUrl.searchParams;
  const code = params.get('code');
  if (!settings || !code || !pending.state || params.get('state') !== pending.state || !pending.verifier) {
    return seeOther('/dang-nhap?loi=1');
  }
  let signedIn;
  try {
    signedIn = await exchangeCode(settings, code, pending.verifier);
  } catch {
    return seeOther('/dang-nhap?loi=1');
  }
  const response = seeOther(pending.next ?? '/');
  const cookie = { httpOnly: true, sameSite: 'lax' as const, path: '/', maxAge: signedIn.expiresIn };
  response.cookies.set(tokenCookie, signedIn.accessToken, cookie);
  response.cookies.set(nameCookie, signedIn.name, cookie);
  response.cookies.delete('vanban_oidc');
  return response;
}

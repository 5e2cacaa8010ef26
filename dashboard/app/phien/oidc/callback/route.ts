// GET /phien/oidc/callback — the provider sends the browser back here with a code: check the state,
// exchange the code (with the PKCE verifier) for the API's access token, keep the tokens, go back.
// A missing, altered or stale state sends the person to the sign-in page with a sentence and the
// SSO button to try again (never a 500).
import type { NextRequest, NextResponse } from 'next/server';
import { exchangeCode, oidcSettings } from '@/lib/oidc';
import { pendingCookie, pendingPath, readPending } from '@/lib/oidc-pending';
import { localPath, seeOther } from '@/lib/redirect';
import { secureCookies } from '@/lib/security';
import { keepSession } from '@/lib/session-cookies';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const settings = oidcSettings();
  const secure = secureCookies(request);
  const pending = readPending(request.cookies.get(pendingCookie)?.value);
  const params = request.nextUrl.searchParams;
  const code = params.get('code');
  const fail = (reason: string) => {
    const response = seeOther(`/dang-nhap?${new URLSearchParams({ loi: reason, next: localPath(pending?.next) })}`);
    response.cookies.set(pendingCookie, '', { httpOnly: true, sameSite: 'lax', path: pendingPath, maxAge: 0, secure });
    return response;
  };
  if (!settings) return fail('1');
  if (!pending || params.get('state') !== pending.state) return fail('phien');
  if (!code) return fail('1'); // the provider answered with an error (the person cancelled, or was refused)
  let signedIn;
  try {
    signedIn = await exchangeCode(settings, code, pending.verifier);
  } catch {
    return fail('1');
  }
  const response = seeOther(localPath(pending.next));
  keepSession(response, signedIn, signedIn.name, secure);
  response.cookies.set(pendingCookie, '', { httpOnly: true, sameSite: 'lax', path: pendingPath, maxAge: 0, secure });
  return response;
}

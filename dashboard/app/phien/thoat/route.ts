// GET /phien/thoat — signs out. The portal's cookies are forgotten; after a sign-in through the
// city's provider its tokens are revoked too (refresh token, then access token, where the provider
// has a revocation endpoint) and the browser goes through the provider's own sign-out
// (end_session_endpoint with the ID token as hint), which ends the provider's session and sends the
// person back to the overview; otherwise straight to the overview.
import type { NextRequest, NextResponse } from 'next/server';
import { endSessionUrl, oidcSettings, revokeToken } from '@/lib/oidc';
import { seeOther } from '@/lib/redirect';
import { secureCookies } from '@/lib/security';
import { idTokenCookie, refreshCookie, tokenCookie } from '@/lib/session';
import { forgetSession } from '@/lib/session-cookies';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const settings = oidcSettings();
  const [refresh, access, idToken] = [refreshCookie, tokenCookie, idTokenCookie].map((name) => request.cookies.get(name)?.value);
  let provider: string | undefined;
  if (settings && (refresh || idToken)) {
    // Best effort: a provider that cannot be reached must not keep the person signed in here.
    await Promise.all([
      refresh ? revokeToken(settings, refresh, 'refresh_token').catch(() => false) : false,
      access ? revokeToken(settings, access, 'access_token').catch(() => false) : false,
    ]);
    provider = await endSessionUrl(settings, idToken).catch(() => undefined);
  }
  const response = seeOther(provider ?? '/');
  forgetSession(response, secureCookies(request));
  return response;
}

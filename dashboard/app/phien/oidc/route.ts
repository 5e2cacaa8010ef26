// GET /phien/oidc — starts the sign-in at the city's OpenID Connect provider.
import type { NextRequest, NextResponse } from 'next/server';
import { authorizationRequest, oidcSettings } from '@/lib/oidc';
import { pendingCookie, pendingPath } from '@/lib/oidc-pending';
import { localPath, seeOther } from '@/lib/redirect';
import { secureCookies } from '@/lib/security';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const settings = oidcSettings();
  if (!settings) return seeOther('/dang-nhap');
  let started;
  try {
    started = await authorizationRequest(settings);
  } catch {
    return seeOther('/dang-nhap?loi=sso'); // the provider's discovery did not answer
  }
  const response = seeOther(started.url);
  // Kept until the provider sends the browser back: the callback checks the state and proves the verifier.
  response.cookies.set(pendingCookie, JSON.stringify({ state: started.state, verifier: started.verifier, next: localPath(request.nextUrl.searchParams.get('next')) }), {
    httpOnly: true, sameSite: 'lax', path: pendingPath, maxAge: 600, secure: secureCookies(request),
  });
  return response;
}

// GET /phien/oidc — starts the sign-in at the city's OpenID Connect provider.
import type { NextRequest, NextResponse } from 'next/server';
import { authorizationRequest, oidcSettings } from '@/lib/oidc';
import { localPath, seeOther } from '@/lib/redirect';

export async function GET(request: NextRequest): Promise<NextResponse> {
  const settings = oidcSettings();
  if (!settings) return seeOther('/dang-nhap');
  const { url, state, verifier } = await authorizationRequest(settings);
  const response = seeOther(url);
  // Kept until the provider sends the browser back: the callback checks the state and proves the verifier.
  response.cookies.set('vanban_oidc', JSON.stringify({ state, verifier, next: localPath(request.nextUrl.searchParams.get('next')) }), {
    httpOnly: true, sameSite: 'lax', path: '/phien/oidc', maxAge: 600,
  });
  return response;
}

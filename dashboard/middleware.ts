// Runs before every request of the portal:
// - refuses a form's POST that does not come from the portal's own pages (CSRF), in Vietnamese;
// - renews the access token of a person signed in through the city's provider shortly before it
//   expires (refresh token grant), so a sign-in lasts as long as the provider's session, not one
//   access token; if the provider refuses, the person is signed out and told so on the sign-in page;
// - puts the security headers on every answer: a Content-Security-Policy with a fresh nonce (Next.js
//   reads it from the request's header and puts it on its scripts), no framing, nosniff, Referrer-Policy.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { GrantRefused, oidcSettings, refreshTokens, type Tokens } from '@/lib/oidc';
import { localPath, seeOther } from '@/lib/redirect';
import { contentSecurityPolicy, csrfRefusal, sameOrigin, secureCookies, securityHeaders } from '@/lib/security';
import { expiresCookie, nameCookie, refreshCookie, sessionCookies, tokenCookie } from '@/lib/session';
import { forgetSession, tokenCookies } from '@/lib/session-cookies';

export const config = { runtime: 'nodejs' };

/** Renewed when less than this is left, so no API read of the page meets an expired token. */
const renewBeforeSeconds = 30;

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

function withHeaders<R extends Response>(response: R, csp: string): R {
  response.headers.set('content-security-policy', csp);
  for (const [name, value] of Object.entries(securityHeaders)) response.headers.set(name, value);
  return response;
}

type Renewal = { kind: 'none' } | { kind: 'renewed'; tokens: Tokens } | { kind: 'ended'; publicUrl: string };

/** Whether this request needs a new access token, and the outcome of asking for it. */
async function renew(request: NextRequest): Promise<Renewal> {
  const settings = oidcSettings();
  const refresh = request.cookies.get(refreshCookie)?.value;
  const path = request.nextUrl.pathname;
  // Sign-in and sign-out handle the session themselves; Next's static files need none.
  if (!settings || !refresh || path.startsWith('/phien') || path.startsWith('/_next/')) return { kind: 'none' };
  const expires = Number(request.cookies.get(expiresCookie)?.value);
  const left = expires - Date.now() / 1000;
  if (request.cookies.has(tokenCookie) && left > renewBeforeSeconds) return { kind: 'none' };
  try {
    return { kind: 'renewed', tokens: await refreshTokens(settings, refresh) };
  } catch (error) {
    // The provider refused (revoked, expired, session ended): the sign-in is over. Unreachable: keep
    // the access token while it lasts, and try again on the next request.
    return error instanceof GrantRefused || !(left > 0) ? { kind: 'ended', publicUrl: settings.publicUrl } : { kind: 'none' };
  }
}

export async function middleware(request: NextRequest): Promise<NextResponse> {
  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy(nonce);
  const secure = secureCookies(request);

  if (!safeMethods.has(request.method) && !sameOrigin(request.headers)) {
    return withHeaders(new NextResponse(csrfRefusal, { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } }), csp);
  }

  const renewal = await renew(request);
  if (renewal.kind === 'ended') {
    if (request.method === 'POST' || (request.headers.get('accept') ?? '').includes('text/html')) {
      const back = request.method === 'GET' ? localPath(`${request.nextUrl.pathname}${request.nextUrl.search}`) : '/';
      // A middleware's redirect must be absolute: the portal's public address (set, as renewal needs it).
      const response = seeOther(new URL(`/dang-nhap?${new URLSearchParams({ loi: 'het-han', next: back })}`, renewal.publicUrl).href);
      forgetSession(response, secure);
      return withHeaders(response, csp);
    }
    // Not a page (a script's fetch): answered as signed out, the cookies forgotten.
    for (const cookie of sessionCookies) request.cookies.delete(cookie);
  }
  const renewed = renewal.kind === 'renewed' ? tokenCookies(renewal.tokens, request.cookies.get(nameCookie)?.value ?? '', secure) : [];
  // The pages of this request read the new token from the request's cookies.
  for (const [name, value] of renewed) request.cookies.set(name, value);
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', csp);
  const response = NextResponse.next({ request: { headers } });
  for (const [name, value, options] of renewed) response.cookies.set(name, value, options);
  if (renewal.kind === 'ended') forgetSession(response, secure);
  return withHeaders(response, csp);
}

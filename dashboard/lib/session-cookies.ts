// Writing and forgetting the session cookies (lib/session.ts names them) on a response: at sign-in,
// when the middleware renews the access token, and at sign-out.
import type { NextResponse } from 'next/server';
import type { Tokens } from './oidc';
import { expiresCookie, idTokenCookie, nameCookie, refreshCookie, sessionCookies, tokenCookie } from './session';

export interface CookieOptions { httpOnly: true; sameSite: 'lax'; path: '/'; secure: boolean; maxAge?: number }

/**
 * The cookies of a signed-in person. With a refresh token they live as long as it does (Keycloak
 * says how long in refresh_expires_in; otherwise until the browser closes): the access token in
 * them is renewed before it expires. Without one, they end with the access token.
 */
export function tokenCookies(tokens: Tokens, name: string, secure: boolean, now = Date.now()): [string, string, CookieOptions][] {
  const maxAge = tokens.refreshToken ? tokens.refreshExpiresIn : tokens.expiresIn;
  const options: CookieOptions = { httpOnly: true, sameSite: 'lax', path: '/', secure, ...(maxAge ? { maxAge } : {}) };
  return [
    [tokenCookie, tokens.accessToken, options],
    [nameCookie, name, options],
    [expiresCookie, String(Math.floor(now / 1000) + tokens.expiresIn), options],
    ...(tokens.refreshToken ? [[refreshCookie, tokens.refreshToken, options] as [string, string, CookieOptions]] : []),
    ...(tokens.idToken ? [[idTokenCookie, tokens.idToken, options] as [string, string, CookieOptions]] : []),
  ];
}

export function keepSession(response: NextResponse, tokens: Tokens, name: string, secure: boolean): void {
  for (const [cookie, value, options] of tokenCookies(tokens, name, secure)) response.cookies.set(cookie, value, options);
}

/** Forgets every session cookie (same path and flags as they were set with, so the browser drops them). */
export function forgetSession(response: NextResponse, secure: boolean): void {
  for (const cookie of sessionCookies) response.cookies.set(cookie, '', { httpOnly: true, sameSite: 'lax', path: '/', secure, maxAge: 0 });
}

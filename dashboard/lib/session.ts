// The signed-in person, kept by the portal in httpOnly cookies: the API's bearer token (sent with
// every API read, so the API's own subtree rules apply) and the name to greet them with. A sign-in
// through the city's OpenID provider also keeps the refresh token (the middleware renews the access
// token with it before it expires), the ID token (the hint the provider's sign-out asks for) and
// the access token's expiry.
import { cookies } from 'next/headers';

export const tokenCookie = 'vanban_token';
export const nameCookie = 'vanban_name';
export const refreshCookie = 'vanban_refresh';
export const idTokenCookie = 'vanban_id_token';
export const expiresCookie = 'vanban_expires';
/** What a sign-out forgets. */
export const sessionCookies = [tokenCookie, nameCookie, refreshCookie, idTokenCookie, expiresCookie];

export interface Session { token: string; name: string }

export async function readSession(): Promise<Session | undefined> {
  const jar = await cookies();
  const token = jar.get(tokenCookie)?.value;
  return token ? { token, name: jar.get(nameCookie)?.value ?? '' } : undefined;
}

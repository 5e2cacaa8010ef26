// The signed-in person, kept by the portal in httpOnly cookies: the API's bearer token (sent with
// every API read, so the API's own subtree rules apply) and the name to greet them with.
import { cookies } from 'next/headers';

export const tokenCookie = 'vanban_token';
export const nameCookie = 'vanban_name';

export interface Session { token: string; name: string }

export async function readSession(): Promise<Session | undefined> {
  const jar = await cookies();
  const token = jar.get(tokenCookie)?.value;
  return token ? { token, name: jar.get(nameCookie)?.value ?? '' } : undefined;
}

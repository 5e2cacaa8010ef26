// What the portal remembers between sending a person to the provider and their return (a cookie
// scoped to /phien/oidc): read defensively, as any cookie may have been altered or cut.
export const pendingCookie = 'vanban_oidc';
export const pendingPath = '/phien/oidc';

export interface Pending { state: string; verifier: string; next: string }

/** The pending sign-in, or undefined when the cookie is missing, not JSON, or not of the right shape. */
export function readPending(value: string | undefined): Pending | undefined {
  if (!value) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const { state, verifier, next } = parsed as Record<string, unknown>;
  if (typeof state !== 'string' || !state || typeof verifier !== 'string' || !verifier) return undefined;
  return { state, verifier, next: typeof next === 'string' ? next : '/' };
}

// The portal's own reads of the API. The portal runs in this process and calls the API over HTTP;
// without more, all its reads would come from 127.0.0.1 and share one anonymous allowance with
// whoever else calls from there. So the portal proves itself with a key made at start and kept in
// this process only (never configured, never sent to a browser), and names the visitor it reads
// for, whose address the API itself gave it: each visitor then has their own allowance. A request
// whose key does not match is an ordinary request from its own address. The key grants no rights:
// a person's reads still need their bearer token.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const portalKeyHeader = 'x-vanban-portal';
/** Set by the API on every page request it hands to the portal, replacing whatever the browser sent. */
export const visitorHeader = 'x-vanban-visitor';

/** Shared with the portal's server code through the process's global registry (Symbol.for), not the environment. */
const keySymbol = Symbol.for('vanban.portal-key');

/** This process's portal key, made on first use. */
export function portalKey(): string {
  const registry = globalThis as unknown as Record<symbol, string | undefined>;
  registry[keySymbol] ??= randomBytes(32).toString('base64url');
  return registry[keySymbol];
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** "portal:<visitor address>" when the request carries this process's portal key; null otherwise. */
export function portalCaller(headers: Record<string, string | string[] | undefined>): string | null {
  const key = headers[portalKeyHeader];
  const registry = globalThis as unknown as Record<symbol, string | undefined>;
  const expected = registry[keySymbol];
  if (typeof key !== 'string' || expected === undefined || !timingSafeEqual(digest(key), digest(expected))) return null;
  const visitor = headers[visitorHeader];
  return `portal:${typeof visitor === 'string' && isIP(visitor) ? visitor : 'unknown'}`;
}

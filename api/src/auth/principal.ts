// Who is calling, once their credentials have been checked.
import type { ApiScope } from './config.js';

export interface Principal {
  kind: 'person' | 'client' | 'api_key' | 'anonymous';
  /** Subject, client id or key id; the IP address for anonymous demo callers. */
  id: string;
  scopes: ReadonlySet<ApiScope>;
  /** The agency whose subtree this caller may read; null = every agency. */
  agency: string | null;
  rateLimitPerMinute: number;
  /** A person's name and e-mail address as their token gives them (`name`, `email`), when it does. */
  name?: string;
  email?: string;
}

/** 401 (no valid credentials) or 403 (valid, but not for this), answered in the API's error format. */
export class AuthError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
  }
}

export class RateLimitedError extends Error {
  readonly statusCode = 429;
}

/** The identity provider could not be asked (down, or refusing the API's own credentials): 503, not the caller's fault. */
export class IdentityProviderError extends Error {}

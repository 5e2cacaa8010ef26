// Who may call the API, read from a JSON file in production (AUTH_CONFIG) and validated here, at the
// edge. The demo that `npm start` runs uses `demoAuthConfig`: aggregate reads open, nothing else.
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * What a credential may do. Person-level data (named staff) needs `documents:read`; the report
 * archive `reports:read`, and making a new report (a Chromium and a few seconds of the server)
 * `reports:generate`.
 */
export const apiScopes = ['kpi:read', 'agencies:read', 'documents:read', 'reports:read', 'reports:generate'] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Roles that read every agency (city leaders, the Department of Home Affairs) unless configured otherwise. */
export const allAgenciesRoles = ['city_leader', 'home_affairs'];

const scope = z.enum(apiScopes);
const agencyCode = z.string().min(1).nullable().describe('the agency whose subtree it may read; null = every agency');

export const authConfigSchema = z.object({
  mode: z.enum(['production', 'demo']),
  /** The city's OpenID Connect provider (e.g. Keycloak): people and OAuth clients present its access tokens. */
  oidc: z.object({
    issuer: z.url(),
    audience: z.string().min(1),
    /** Claim that holds a person's agency code (a non-blank string; a blank one is refused). */
    agency_claim: z.string().min(1).default('agency_code'),
    /**
     * Where a person's roles are: a claim name, a dotted path into nested claims
     * ("realm_access.roles"), or a list of them, whose roles are pooled. Unset: `roles`,
     * `realm_access.roles` and `resource_access.<audience>.roles` (Keycloak's realm roles and the
     * API client's own roles). Any role in `all_agencies_roles` reads every agency.
     */
    roles_claim: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    all_agencies_roles: z.array(z.string()).default(allAgenciesRoles),
    /** Scopes a signed-in person gets (their token's own `scope` claim is used when present). */
    person_scopes: z.array(scope).default(['kpi:read', 'agencies:read', 'documents:read', 'reports:read', 'reports:generate']),
    /**
     * The API's own client at the provider, for token introspection (RFC 7662): needed for opaque
     * access tokens, and for signed ones too when `signed_tokens` is set (Keycloak can), so a
     * revoked token is refused at once rather than at its expiry.
     */
    introspection: z.object({
      client_id: z.string(),
      client_secret: z.string(),
      signed_tokens: z.boolean().default(false),
      /**
       * How long an answer is reused: an active token's for at most this many seconds (never past
       * its expiry), an inactive one's for at most 10. A revoked token is thus refused within this
       * time rather than at once; 0 asks the provider every time.
       */
      cache_seconds: z.number().int().min(0).max(60).default(30),
    }).optional(),
  }).optional(),
  /**
   * OAuth 2.0 client-credentials clients (the IOC): their agency and request rate; scopes come from
   * the token. Only the client's service account gets these rights: a person who signs in through
   * the same client is that person (see authenticate.ts for how a service account is recognised).
   */
  clients: z.array(z.object({
    client_id: z.string().min(1),
    /** The `sub` of the client's service account (Keycloak: its service-account user's id); when set, only that subject is the client. */
    subject: z.string().min(1).optional(),
    agency: agencyCode.default(null),
    rate_limit_per_minute: z.number().int().positive().default(600),
  })).default([]),
  /** For platforms that cannot do OAuth: the key's SHA-256 in hex, never the key itself. */
  api_keys: z.array(z.object({
    id: z.string().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    scopes: z.array(scope).min(1),
    agency: agencyCode.default(null),
    rate_limit_per_minute: z.number().int().positive().default(120),
  })).default([]),
  /** Requests per minute of anonymous (demo) callers and of people, per caller. */
  default_rate_limit_per_minute: z.number().int().positive().default(1200),
  /**
   * Requests per minute from one address without valid credentials (none, or refused): past it the
   * address gets 429 before any credential is looked at, so guessing costs neither the provider
   * nor the server; only a token signed by the provider (checked against its published keys) still
   * goes through, since it cannot have been guessed.
   */
  unauthenticated_rate_limit_per_minute: z.number().int().positive().default(120),
  /**
   * The reverse proxies in front of the API (addresses or CIDR ranges, or `loopback`): a request
   * that comes through one counts as the client address its X-Forwarded-For names, not as the
   * proxy's, for the limits per address. Empty: the connection's own address counts.
   */
  trusted_proxies: z.array(z.string().refine((entry) => proxyEntry(entry), 'expected an IP address, a CIDR range or loopback / linklocal / uniquelocal')).default([]),
});

/** What Fastify's trustProxy (proxy-addr) takes: an address, a CIDR range or one of its names. */
function proxyEntry(entry: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(entry)) return true;
  const [address, bits, extra] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || extra !== undefined) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

export type AuthConfig = z.infer<typeof authConfigSchema>;

export const demoAuthConfig: AuthConfig = authConfigSchema.parse({ mode: 'demo' });

export function loadAuthConfig(file: string): AuthConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the auth configuration ${file}: ${(error as Error).message}`);
  }
  const parsed = authConfigSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`the auth configuration ${file} is invalid: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

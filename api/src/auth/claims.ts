// Reading a verified token's claims the way providers actually write them: roles nested where
// Keycloak puts them, issuers with or without a trailing slash, access tokens told apart from ID
// and refresh tokens, and a client's service account told apart from a person who signed in
// through that client.
import type { JWTPayload } from 'jose';

/** A path into nested claims: ['realm_access', 'roles']. */
export type ClaimPath = readonly string[];

export function claimAt(claims: JWTPayload, path: ClaimPath): unknown {
  let value: unknown = claims;
  for (const key of path) {
    if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/**
 * The configured role paths (dotted strings), or by default the top-level `roles`, Keycloak's realm
 * roles and the API client's own client roles. The default's audience is one key whatever dots its
 * name holds.
 */
export function rolePaths(rolesClaim: string | string[] | undefined, audience: string): ClaimPath[] {
  if (rolesClaim === undefined) return [['roles'], ['realm_access', 'roles'], ['resource_access', audience, 'roles']];
  return [rolesClaim].flat().map((path) => path.split('.'));
}

export function rolesOf(claims: JWTPayload, paths: ClaimPath[]): string[] {
  return paths.flatMap((path) => {
    const value = claimAt(claims, path);
    return Array.isArray(value) ? value.filter((role): role is string => typeof role === 'string') : [];
  });
}

/** The agency code a claim names, or null when it is missing or blank (never "every agency"). */
export function agencyOf(claims: JWTPayload, claim: string): string | null {
  const value = claims[claim];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** `https://sso/realms/x/` and `https://sso/realms/x` are one issuer (Keycloak's `iss` has no slash). */
export const normalizeIssuer = (issuer: string): string => issuer.replace(/\/+$/, '');

const accessHeaderTypes = new Set(['jwt', 'at+jwt', 'application/at+jwt']);

/**
 * Why this is not an access token, or null when it is one. RFC 9068 marks access tokens with the
 * header `typ` "at+jwt"; Keycloak writes header "JWT" and a `typ` claim "Bearer" for access
 * tokens, "ID" and "Refresh" for the others; introspection answers may say `token_type`.
 */
export function notAnAccessToken(claims: JWTPayload, headerType?: string): string | null {
  if (headerType !== undefined && !accessHeaderTypes.has(headerType.toLowerCase())) return `header typ "${headerType}"`;
  for (const claim of ['typ', 'token_type']) {
    const value = claims[claim];
    if (value !== undefined && String(value).toLowerCase() !== 'bearer') return `${claim} "${String(value)}"`;
  }
  return null;
}

/**
 * Whether the token is the client's own (client credentials), not a person's obtained through it.
 * With `subject` configured that is exact. Otherwise a token counts as the service account when
 * - its `sub` is the client id (RFC 9068 for client credentials; oidc-provider), or
 * - it has no `sub` and its `client_id` is the client (an opaque client-credentials token's
 *   introspection), or
 * - it carries Keycloak's two service-account markers together: the `client_id` claim (a session
 *   note Keycloak sets only in a client-credentials session; `clientId` before Keycloak 25) and the
 *   username `service-account-<client id>`. A person's token through the client has neither.
 */
export function isServiceAccount(claims: JWTPayload, client: { client_id: string; subject?: string | undefined }): boolean {
  if (client.subject !== undefined) return claims.sub === client.subject;
  const clientClaim = claims['client_id'] ?? claims['clientId'];
  if (claims.sub === client.client_id) return true;
  if (claims.sub === undefined) return clientClaim === client.client_id;
  const username = claims['preferred_username'];
  return clientClaim === client.client_id && typeof username === 'string'
    && username.toLowerCase() === `service-account-${client.client_id.toLowerCase()}`;
}

// Sign-in through the city's OpenID Connect provider (authorization code with PKCE), for a portal
// deployed beside the API in production mode. Configured by environment (see README "Portal"):
// PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_CLIENT_SECRET, PORTAL_PUBLIC_URL and,
// where the provider issues API tokens per resource, PORTAL_OIDC_RESOURCE. Everything else (the
// token, sign-out and revocation endpoints) comes from the provider's discovery document.
import { createHash, randomBytes } from 'node:crypto';

export interface OidcSettings { issuer: string; clientId: string; clientSecret: string; publicUrl: string; resource?: string }

export function oidcSettings(): OidcSettings | undefined {
  const env = process.env;
  const [issuer, clientId, clientSecret, publicUrl] = [env['PORTAL_OIDC_ISSUER'], env['PORTAL_OIDC_CLIENT_ID'], env['PORTAL_OIDC_CLIENT_SECRET'], env['PORTAL_PUBLIC_URL']];
  if (!issuer || !clientId || !clientSecret || !publicUrl) return undefined;
  return { issuer: issuer.replace(/\/$/, ''), clientId, clientSecret, publicUrl: publicUrl.replace(/\/$/, ''), resource: env['PORTAL_OIDC_RESOURCE'] || undefined };
}

interface Discovery { authorization_endpoint: string; token_endpoint: string; end_session_endpoint?: string; revocation_endpoint?: string }

// Kept a few minutes: the middleware renews tokens on many requests and the document rarely changes.
const discoveryTtlMs = 5 * 60_000;
const discovered = new Map<string, { at: number; document: Discovery }>();

async function discover(settings: OidcSettings): Promise<Discovery> {
  const cached = discovered.get(settings.issuer);
  if (cached && Date.now() - cached.at < discoveryTtlMs) return cached.document;
  const response = await fetch(`${settings.issuer}/.well-known/openid-configuration`, { cache: 'no-store', signal: AbortSignal.timeout(10_000) });
  if (!response.ok) throw new Error(`OpenID discovery at ${settings.issuer} answered ${response.status}`);
  const document = (await response.json()) as Discovery;
  discovered.set(settings.issuer, { at: Date.now(), document });
  return document;
}

export const callbackPath = '/phien/oidc/callback';
/** Where the provider sends the browser after its sign-out: the overview (register it at the provider). */
export const postLogoutPath = '/';

/** Where to send the browser, and what to remember until it comes back (state, PKCE verifier). */
export async function authorizationRequest(settings: OidcSettings): Promise<{ url: string; state: string; verifier: string }> {
  const { authorization_endpoint } = await discover(settings);
  const state = randomBytes(16).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const params = new URLSearchParams({
    client_id: settings.clientId, response_type: 'code', scope: 'openid', redirect_uri: `${settings.publicUrl}${callbackPath}`,
    state, code_challenge: challenge, code_challenge_method: 'S256', ...(settings.resource ? { resource: settings.resource } : {}),
  });
  return { url: `${authorization_endpoint}?${params}`, state, verifier };
}

/** What the portal keeps of a token answer. `refreshExpiresIn` is Keycloak's (0 or absent: unknown). */
export interface Tokens { accessToken: string; expiresIn: number; refreshToken?: string; refreshExpiresIn?: number; idToken?: string }

/** The token endpoint refused the grant (an expired or revoked refresh token, a used code). */
export class GrantRefused extends Error {}

const clientAuthorization = (settings: OidcSettings) =>
  `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`;

async function tokenRequest(settings: OidcSettings, grant: Record<string, string>): Promise<Tokens> {
  const { token_endpoint } = await discover(settings);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    cache: 'no-store',
    signal: AbortSignal.timeout(10_000),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: clientAuthorization(settings) },
    body: new URLSearchParams({ ...grant, ...(settings.resource ? { resource: settings.resource } : {}) }),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: string; id_token?: string; refresh_token?: string; expires_in?: number; refresh_expires_in?: number; error?: string; error_description?: string };
  if (response.status === 400 || response.status === 401) throw new GrantRefused(`the provider refused the grant: ${body.error_description ?? body.error ?? response.status}`);
  if (!response.ok || !body.access_token) throw new Error(`the token endpoint answered ${response.status}: ${body.error_description ?? body.error ?? 'no access token'}`);
  return {
    accessToken: body.access_token, expiresIn: Number(body.expires_in) > 0 ? Number(body.expires_in) : 3600,
    ...(body.refresh_token ? { refreshToken: body.refresh_token } : {}),
    ...(Number(body.refresh_expires_in) > 0 ? { refreshExpiresIn: Number(body.refresh_expires_in) } : {}),
    ...(body.id_token ? { idToken: body.id_token } : {}),
  };
}

/** Exchanges the code for the access token the API accepts, the refresh and ID tokens, and a display name. */
export async function exchangeCode(settings: OidcSettings, code: string, verifier: string): Promise<Tokens & { name: string }> {
  const tokens = await tokenRequest(settings, { grant_type: 'authorization_code', code, redirect_uri: `${settings.publicUrl}${callbackPath}`, code_verifier: verifier });
  // Display only: the API verifies the access token itself on every read.
  let claims: Record<string, unknown> = {};
  try {
    claims = tokens.idToken ? JSON.parse(Buffer.from(tokens.idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown> : {};
  } catch {
    // an ID token that does not decode gives no name; the sign-in still stands
  }
  return { ...tokens, name: String(claims['name'] ?? claims['preferred_username'] ?? claims['sub'] ?? '') };
}

/** A new access token (and, if the provider rotates them, a new refresh token) for a refresh token. */
export function refreshTokens(settings: OidcSettings, refreshToken: string): Promise<Tokens> {
  return tokenRequest(settings, { grant_type: 'refresh_token', refresh_token: refreshToken });
}

/** Revokes a token at the provider's revocation endpoint (RFC 7009) if it has one; true when it answered 200. */
export async function revokeToken(settings: OidcSettings, token: string, hint: 'refresh_token' | 'access_token'): Promise<boolean> {
  const { revocation_endpoint } = await discover(settings);
  if (!revocation_endpoint) return false;
  const response = await fetch(revocation_endpoint, {
    method: 'POST',
    cache: 'no-store',
    signal: AbortSignal.timeout(5_000),
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: clientAuthorization(settings) },
    body: new URLSearchParams({ token, token_type_hint: hint }),
  });
  return response.ok;
}

/**
 * The provider's sign-out (RP-initiated logout 1.0) ending its own session, with the ID token as
 * hint and the way back to the portal; undefined when the provider publishes no end_session_endpoint.
 */
export async function endSessionUrl(settings: OidcSettings, idToken: string | undefined): Promise<string | undefined> {
  const { end_session_endpoint } = await discover(settings);
  if (!end_session_endpoint) return undefined;
  const url = new URL(end_session_endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${settings.publicUrl}${postLogoutPath}`);
  if (idToken) url.searchParams.set('id_token_hint', idToken);
  return url.href;
}

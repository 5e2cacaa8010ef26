// Sign-in through the city's OpenID Connect provider (authorization code with PKCE), for a portal
// deployed beside the API in production mode. Configured by environment (see README "Portal"):
// PORTAL_OIDC_ISSUER, PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_CLIENT_SECRET, PORTAL_PUBLIC_URL and,
// where the provider issues API tokens per resource, PORTAL_OIDC_RESOURCE.
import { createHash, randomBytes } from 'node:crypto';

export interface OidcSettings { issuer: string; clientId: string; clientSecret: string; publicUrl: string; resource?: string }

export function oidcSettings(): OidcSettings | undefined {
  const env = process.env;
  const [issuer, clientId, clientSecret, publicUrl] = [env['PORTAL_OIDC_ISSUER'], env['PORTAL_OIDC_CLIENT_ID'], env['PORTAL_OIDC_CLIENT_SECRET'], env['PORTAL_PUBLIC_URL']];
  if (!issuer || !clientId || !clientSecret || !publicUrl) return undefined;
  return { issuer: issuer.replace(/\/$/, ''), clientId, clientSecret, publicUrl: publicUrl.replace(/\/$/, ''), resource: env['PORTAL_OIDC_RESOURCE'] || undefined };
}

interface Discovery { authorization_endpoint: string; token_endpoint: string }

async function discover(settings: OidcSettings): Promise<Discovery> {
  const response = await fetch(`${settings.issuer}/.well-known/openid-configuration`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`OpenID discovery at ${settings.issuer} answered ${response.status}`);
  return (await response.json()) as Discovery;
}

export const callbackPath = '/phien/oidc/callback';

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

/** Exchanges the code for the access token the API accepts, and a display name from the ID token. */
export async function exchangeCode(settings: OidcSettings, code: string, verifier: string): Promise<{ accessToken: string; name: string; expiresIn: number }> {
  const { token_endpoint } = await discover(settings);
  const response = await fetch(token_endpoint, {
    method: 'POST',
    cache: 'no-store',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(settings.clientId)}:${encodeURIComponent(settings.clientSecret)}`).toString('base64')}`,
    },
    body: new URLSearchParams({
      grant_type: 'authorization_code', code, redirect_uri: `${settings.publicUrl}${callbackPath}`, code_verifier: verifier,
      ...(settings.resource ? { resource: settings.resource } : {}),
    }),
  });
  const body = (await response.json()) as { access_token?: string; id_token?: string; expires_in?: number; error_description?: string };
  if (!response.ok || !body.access_token) throw new Error(`the sign-in could not be completed: ${body.error_description ?? response.status}`);
  // Display only: the API verifies the access token itself on every read.
  const claims = body.id_token ? JSON.parse(Buffer.from(body.id_token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown> : {};
  return { accessToken: body.access_token, name: String(claims['name'] ?? claims['preferred_username'] ?? claims['sub'] ?? ''), expiresIn: body.expires_in ?? 3600 };
}

// Turns a request's credentials into a Principal: a bearer access token from the OpenID Connect
// provider (a person, or an OAuth client using client credentials), an API key, or nobody (only
// the demo lets nobody in, and only to aggregate reads). Tokens are verified against the
// provider's published keys (signature, issuer, audience, expiry) and, when configured, checked
// with its introspection endpoint so a revoked token is refused at once.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { allAgenciesRoles, apiScopes, type ApiScope, type AuthConfig } from './config.js';
import type { DemoSignIn } from './demo-sign-in.js';
import { AuthError, type Principal } from './principal.js';

interface Discovery { jwks_uri: string; introspection_endpoint?: string }

export class Authenticator {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AuthConfig, private readonly demo?: DemoSignIn) {}

  private discover(): Promise<Discovery> {
    const issuer = this.config.oidc!.issuer.replace(/\/$/, '');
    this.discovery ??= fetch(`${issuer}/.well-known/openid-configuration`).then(async (response) => {
      if (!response.ok) throw new Error(`OpenID discovery at ${issuer} answered ${response.status}`);
      return (await response.json()) as Discovery;
    }).catch((error: unknown) => {
      this.discovery = undefined; // try again with the next request
      throw error;
    });
    return this.discovery;
  }

  async authenticate(headers: Record<string, string | string[] | undefined>, ip: string): Promise<Principal> {
    const authorization = typeof headers['authorization'] === 'string' ? headers['authorization'] : undefined;
    const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      if (!match) throw new AuthError(401, 'The Authorization header must be "Bearer <access token>"');
      return this.fromToken(match[1]!);
    }
    if (apiKey) return this.fromApiKey(apiKey);
    if (this.config.mode === 'demo') {
      return { kind: 'anonymous', id: ip, scopes: new Set<ApiScope>(['kpi:read', 'agencies:read', 'reports:read']), agency: null, rateLimitPerMinute: this.config.default_rate_limit_per_minute };
    }
    throw new AuthError(401, 'Credentials required: an OAuth 2.0 / OpenID Connect bearer token or an X-API-Key header');
  }

  private fromApiKey(key: string): Principal {
    const digest = createHash('sha256').update(key).digest();
    const entry = this.config.api_keys.find((candidate) => timingSafeEqual(Buffer.from(candidate.sha256, 'hex'), digest));
    if (!entry) throw new AuthError(401, 'The API key is not valid');
    return { kind: 'api_key', id: entry.id, scopes: new Set(entry.scopes), agency: entry.agency, rateLimitPerMinute: entry.rate_limit_per_minute };
  }

  private async fromToken(token: string): Promise<Principal> {
    if (this.demo && this.config.mode === 'demo') {
      const claims = await this.demo.verify(token).catch(() => null);
      if (claims) {
        const readsAll = Array.isArray(claims['roles']) && claims['roles'].some((role) => allAgenciesRoles.includes(String(role)));
        return {
          kind: 'person', id: String(claims.sub), scopes: new Set<ApiScope>(apiScopes),
          agency: readsAll ? null : String(claims['agency_code']), rateLimitPerMinute: this.config.default_rate_limit_per_minute,
        };
      }
    }
    const oidc = this.config.oidc;
    if (!oidc) throw new AuthError(401, 'This server accepts no bearer tokens (no OpenID Connect provider is configured)');
    const discovery = await this.discover();
    let payload: JWTPayload;
    if (token.split('.').length === 3) {
      this.jwks ??= createRemoteJWKSet(new URL(discovery.jwks_uri));
      try {
        ({ payload } = await jwtVerify(token, this.jwks, { issuer: oidc.issuer, audience: oidc.audience }));
      } catch (error) {
        const code = (error as { code?: string }).code;
        throw new AuthError(401, code === 'ERR_JWT_EXPIRED' ? 'The access token has expired' : 'The access token is not valid for this API');
      }
      // Signed tokens are checked locally; providers that can (Keycloak) are also asked whether it was revoked.
      if (oidc.introspection?.signed_tokens) await this.introspect(token, discovery, oidc.introspection);
    } else {
      // Opaque tokens mean nothing without the provider: it says whether the token is active and whose it is.
      if (!oidc.introspection) throw new AuthError(401, 'The access token is not valid for this API');
      payload = await this.introspect(token, discovery, oidc.introspection);
      const audience = [payload.aud ?? []].flat();
      if (!audience.includes(oidc.audience)) throw new AuthError(401, 'The access token was not issued for this API');
    }
    const clientId = String(payload['client_id'] ?? payload['azp'] ?? '');
    const client = this.config.clients.find((candidate) => candidate.client_id === clientId);
    const granted = String(payload['scope'] ?? '').split(' ').filter((s): s is ApiScope => (apiScopes as readonly string[]).includes(s));
    if (client) {
      return { kind: 'client', id: client.client_id, scopes: new Set(granted), agency: client.agency, rateLimitPerMinute: client.rate_limit_per_minute };
    }
    if (!payload.sub) throw new AuthError(401, `The token's client ${clientId || '(none)'} is not a registered API client`);
    const roles = payload[oidc.roles_claim];
    const readsAll = Array.isArray(roles) && roles.some((role) => oidc.all_agencies_roles.includes(String(role)));
    const agency = payload[oidc.agency_claim];
    if (!readsAll && typeof agency !== 'string') throw new AuthError(403, `Your account has no agency (claim "${oidc.agency_claim}"); ask the administrator to assign one`);
    return {
      kind: 'person',
      id: payload.sub,
      scopes: new Set(granted.length > 0 ? granted : oidc.person_scopes),
      agency: readsAll ? null : (agency as string),
      rateLimitPerMinute: this.config.default_rate_limit_per_minute,
    };
  }

  private async introspect(token: string, discovery: Discovery, credentials: { client_id: string; client_secret: string }): Promise<JWTPayload> {
    if (!discovery.introspection_endpoint) throw new Error('the OpenID provider publishes no introspection endpoint');
    const response = await fetch(discovery.introspection_endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(credentials.client_id)}:${encodeURIComponent(credentials.client_secret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token }),
    });
    if (!response.ok) throw new Error(`token introspection answered ${response.status}`);
    const answer = (await response.json()) as JWTPayload & { active?: boolean };
    // Inactive covers revoked, expired and unknown alike (RFC 7662 says no more).
    if (!answer.active) throw new AuthError(401, 'The access token has been revoked or has expired');
    return answer;
  }
}

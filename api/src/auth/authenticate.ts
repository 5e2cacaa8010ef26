// Turns a request's credentials into a Principal: a bearer access token from the OpenID Connect
// provider (a person, or an OAuth client's service account using client credentials), an API key,
// or nobody (only the demo lets nobody in, and only to aggregate reads). Tokens are verified against
// the provider's published keys (signature, issuer, audience, expiry, that it is an access token)
// and, when configured, checked with its introspection endpoint so a revoked token is refused; a
// token too thin to say who calls (Keycloak's lightweight access tokens) takes its claims from
// introspection. A provider that cannot be reached is a 503 (IdentityProviderError), not the
// caller's fault and not a 500.
import { createHash, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { agencyOf, isServiceAccount, normalizeIssuer, notAnAccessToken, rolePaths, rolesOf, type ClaimPath } from './claims.js';
import { allAgenciesRoles, apiScopes, type ApiScope, type AuthConfig } from './config.js';
import type { DemoSignIn } from './demo-sign-in.js';
import { AuthError, IdentityProviderError, type Principal } from './principal.js';
import { TtlCache } from './ttl-cache.js';

interface Discovery { jwks_uri: string; introspection_endpoint?: string }
type Oidc = NonNullable<AuthConfig['oidc']>;
type Introspection = NonNullable<Oidc['introspection']>;

/** How long the provider may take before it counts as unavailable. */
const providerTimeoutMs = 5_000;
/** An inactive (revoked, unknown) token's answer is reused briefly: enough to absorb a flood of one garbage token. */
const negativeCacheMs = 10_000;

const notValid = () => new AuthError(401, 'The access token is not valid for this API');

/** The token of an `Authorization: Bearer <token>` header; undefined for any other form. */
const bearerToken = (authorization: string): string | undefined => /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];

export class Authenticator {
  private discovery?: Promise<Discovery>;
  private jwks?: ReturnType<typeof createRemoteJWKSet>;
  /** Introspection answers by the token's SHA-256: an active token's claims, or why there are none. */
  private readonly introspected = new TtlCache<JWTPayload | 'inactive' | 'unsupported'>(10_000);
  private readonly roles: ClaimPath[];

  constructor(private readonly config: AuthConfig, private readonly demo?: DemoSignIn) {
    this.roles = config.oidc ? rolePaths(config.oidc.roles_claim, config.oidc.audience) : [];
  }

  private discover(): Promise<Discovery> {
    const issuer = normalizeIssuer(this.config.oidc!.issuer);
    this.discovery ??= fetch(`${issuer}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(providerTimeoutMs) }).then(async (response) => {
      if (!response.ok) throw new IdentityProviderError(`The identity provider's discovery document at ${issuer} answered ${response.status}; try again later`);
      const document = (await response.json()) as Partial<Discovery>;
      if (typeof document.jwks_uri !== 'string') throw new IdentityProviderError(`The identity provider at ${issuer} publishes no jwks_uri`);
      return document as Discovery;
    }, (error: unknown) => {
      throw new IdentityProviderError(`The identity provider at ${issuer} cannot be reached (${(error as Error).message}); try again later`);
    }).catch((error: unknown) => {
      this.discovery = undefined; // try again with the next request
      throw error;
    });
    return this.discovery;
  }

  /** `caller`: the address (or portal visitor) the request comes from, the id of an anonymous demo caller. */
  async authenticate(headers: Record<string, string | string[] | undefined>, caller: string): Promise<Principal> {
    const authorization = typeof headers['authorization'] === 'string' ? headers['authorization'] : undefined;
    const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'] : undefined;
    if (authorization) {
      const token = bearerToken(authorization);
      if (!token) throw new AuthError(401, 'The Authorization header must be "Bearer <access token>"');
      return this.fromToken(token);
    }
    if (apiKey) return this.fromApiKey(apiKey);
    if (this.config.mode === 'demo') {
      return { kind: 'anonymous', id: caller, scopes: new Set<ApiScope>(['kpi:read', 'agencies:read', 'reports:read']), agency: null, rateLimitPerMinute: this.config.default_rate_limit_per_minute };
    }
    throw new AuthError(401, 'Credentials required: an OAuth 2.0 / OpenID Connect bearer token or an X-API-Key header');
  }

  /**
   * Whether the request carries a token only the provider can have made: a signed token that
   * verifies against its published keys (or the demo's own). Checked, without asking the provider
   * anything, for an address over its allowance of failures: such a token was not guessed, so the
   * person or client it names is not locked out by other callers at their address (a proxy, an
   * office behind one NAT). API keys and opaque tokens prove nothing without a look-up, and wait.
   */
  async signedByProvider(headers: Record<string, string | string[] | undefined>): Promise<boolean> {
    const token = typeof headers['authorization'] === 'string' ? bearerToken(headers['authorization']) : undefined;
    if (!token || token.split('.').length !== 3) return false;
    if (this.demo && this.config.mode === 'demo' && (await this.demo.verify(token).catch(() => null))) return true;
    const oidc = this.config.oidc;
    if (!oidc) return false;
    try {
      await this.verifyJwt(token, await this.discover(), oidc);
      return true;
    } catch {
      return false;
    }
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
        const agency = agencyOf(claims, 'agency_code');
        if (!readsAll && agency === null) throw new AuthError(403, 'This demo account has no agency');
        return { kind: 'person', id: String(claims.sub), scopes: new Set<ApiScope>(apiScopes), agency: readsAll ? null : agency, rateLimitPerMinute: this.config.default_rate_limit_per_minute, ...personOf(claims) };
      }
    }
    const oidc = this.config.oidc;
    if (!oidc) throw new AuthError(401, 'This server accepts no bearer tokens (no OpenID Connect provider is configured)');
    const discovery = await this.discover();
    if (token.split('.').length !== 3) {
      // Opaque tokens mean nothing without the provider: it says whether the token is active and whose it is.
      if (!oidc.introspection) throw notValid();
      return this.principalOf((await this.introspect(token, discovery, oidc.introspection)) ?? {}, oidc);
    }
    const payload = await this.verifyJwt(token, discovery, oidc);
    if (!oidc.introspection) return this.principalOf(payload, oidc);
    // Providers that can (Keycloak) are asked whether a signed token was revoked when so configured,
    // and always when the token alone cannot say who calls (a lightweight token: no audience, agency or client markers).
    if (oidc.introspection.signed_tokens) {
      const answer = await this.introspect(token, discovery, oidc.introspection);
      if (!answer) throw notValid();
      return this.principalOf({ ...payload, ...answer }, oidc);
    }
    try {
      return this.principalOf(payload, oidc);
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      const answer = await this.introspect(token, discovery, oidc.introspection);
      // A provider that cannot introspect signed tokens has nothing to add: the token's own refusal stands.
      if (!answer) throw error;
      return this.principalOf({ ...payload, ...answer }, oidc);
    }
  }

  /** Signature, issuer (slash or not), expiry (required), access-token type, and an audience that, if present, names this API. */
  private async verifyJwt(token: string, discovery: Discovery, oidc: Oidc): Promise<JWTPayload> {
    this.jwks ??= createRemoteJWKSet(new URL(discovery.jwks_uri), { timeoutDuration: providerTimeoutMs });
    let verified: Awaited<ReturnType<typeof jwtVerify>>;
    try {
      verified = await jwtVerify(token, this.jwks, { requiredClaims: ['exp'] });
    } catch (error) {
      const { code, claim } = error as { code?: string; claim?: string };
      if (code === 'ERR_JWT_EXPIRED') throw new AuthError(401, 'The access token has expired');
      if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'exp') throw new AuthError(401, 'The access token carries no expiry (exp); tokens that never expire are refused');
      // Keys that cannot be fetched are the provider's problem; any other failure is the token's.
      if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JWKS_INVALID' || !code?.startsWith('ERR_')) {
        throw new IdentityProviderError(`The identity provider's signing keys cannot be fetched (${(error as Error).message}); try again later`);
      }
      throw notValid();
    }
    const { payload, protectedHeader } = verified;
    if (typeof payload.iss !== 'string' || normalizeIssuer(payload.iss) !== normalizeIssuer(oidc.issuer)) throw notValid();
    const problem = notAnAccessToken(payload, protectedHeader.typ);
    if (problem) throw new AuthError(401, `The token is not an access token (${problem}); send the access token`);
    if (payload.aud !== undefined && ![payload.aud].flat().includes(oidc.audience)) throw notValid();
    return payload;
  }

  /** Whose token this is, from its (verified or introspected) claims. */
  private principalOf(claims: JWTPayload, oidc: Oidc): Principal {
    if (![claims.aud ?? []].flat().includes(oidc.audience)) throw new AuthError(401, 'The access token was not issued for this API');
    const problem = notAnAccessToken(claims);
    if (problem) throw new AuthError(401, `The token is not an access token (${problem}); send the access token`);
    const clientId = String(claims['client_id'] ?? claims['azp'] ?? '');
    const client = this.config.clients.find((candidate) => candidate.client_id === clientId);
    const granted = String(claims['scope'] ?? '').split(' ').filter((s): s is ApiScope => (apiScopes as readonly string[]).includes(s));
    if (client && isServiceAccount(claims, client)) {
      return { kind: 'client', id: client.client_id, scopes: new Set(granted), agency: client.agency, rateLimitPerMinute: client.rate_limit_per_minute };
    }
    if (!claims.sub) throw new AuthError(401, `The token's client ${clientId || '(none)'} is not a registered API client`);
    const readsAll = rolesOf(claims, this.roles).some((role) => oidc.all_agencies_roles.includes(role));
    const agency = agencyOf(claims, oidc.agency_claim);
    if (!readsAll && agency === null) throw new AuthError(403, `Your account has no agency (claim "${oidc.agency_claim}"); ask the administrator to assign one`);
    return {
      kind: 'person',
      id: claims.sub,
      scopes: new Set(granted.length > 0 ? granted : oidc.person_scopes),
      agency: readsAll ? null : agency,
      rateLimitPerMinute: this.config.default_rate_limit_per_minute,
      ...personOf(claims),
    };
  }

  /**
   * The provider's answer for an active token (cached briefly); 401 for an inactive one; undefined
   * when the provider will not introspect this token (HTTP 400, e.g. oidc-provider and signed
   * tokens); 503 when it cannot answer.
   */
  private async introspect(token: string, discovery: Discovery, settings: Introspection): Promise<JWTPayload | undefined> {
    const key = createHash('sha256').update(token).digest('base64url');
    const cached = this.introspected.get(key);
    if (cached === 'inactive') throw new AuthError(401, 'The access token has been revoked or has expired');
    if (cached === 'unsupported') return undefined;
    if (cached) return cached;
    const cacheMs = settings.cache_seconds * 1000;
    if (!discovery.introspection_endpoint) throw new IdentityProviderError('The identity provider publishes no introspection endpoint; the API cannot check this token');
    let response: Response;
    try {
      response = await fetch(discovery.introspection_endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(settings.client_id)}:${encodeURIComponent(settings.client_secret)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ token }),
        signal: AbortSignal.timeout(providerTimeoutMs),
      });
    } catch (error) {
      throw new IdentityProviderError(`The identity provider's token introspection cannot be reached (${(error as Error).message}); try again later`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new IdentityProviderError(`The identity provider refused the API's own introspection credentials (HTTP ${response.status}); the administrator must check oidc.introspection`);
    }
    if (response.status === 400) {
      this.introspected.set(key, 'unsupported', Math.min(cacheMs, negativeCacheMs));
      return undefined;
    }
    if (!response.ok) throw new IdentityProviderError(`The identity provider's token introspection answered ${response.status}; try again later`);
    const answer = (await response.json().catch(() => null)) as (JWTPayload & { active?: boolean }) | null;
    if (!answer || typeof answer !== 'object') throw new IdentityProviderError('The identity provider\'s token introspection gave no JSON answer; try again later');
    // Inactive covers revoked, expired and unknown alike (RFC 7662 says no more).
    if (answer.active !== true) {
      this.introspected.set(key, 'inactive', Math.min(cacheMs, negativeCacheMs));
      throw new AuthError(401, 'The access token has been revoked or has expired');
    }
    const { active: _active, ...claims } = answer;
    // Reused for at most cache_seconds, never past the token's own expiry.
    const lifeMs = typeof claims.exp === 'number' ? claims.exp * 1000 - Date.now() : cacheMs;
    this.introspected.set(key, claims, Math.min(cacheMs, lifeMs));
    return claims;
  }
}

/** The person's name and address from the standard OpenID Connect claims, when present. */
function personOf(claims: JWTPayload): { name?: string; email?: string } {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const name = text(claims['name']);
  const email = text(claims['email']);
  return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
}

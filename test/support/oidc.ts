// A real OpenID Connect provider (npm oidc-provider) on 127.0.0.1 for the API's authentication
// tests: machine clients with client credentials (signed JWT access tokens, and opaque ones that
// only introspection can check and revocation can kill), and people signing in through the
// authorization-code flow with the provider's own login form. Its signing key is made here, so a
// test can also have it sign the tokens other providers issue (Keycloak's ID and refresh tokens,
// its service-account tokens) and check that the API reads them as a Keycloak deployment must.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import Provider from 'oidc-provider';

export const apiAudience = 'vanban-api';

/** People the provider knows, with the claims the API maps to an agency and roles (any JSON claims). */
export const people: Record<string, Record<string, unknown>> = {
  'commune-clerk': { agency_code: '000.01.01.H26' },
  'city-leader': { roles: ['city_leader'] },
};

export interface TestProvider {
  issuer: string;
  clientCredentials(client: string, scope: string, resource?: string): Promise<string>;
  signIn(person: string): Promise<string>;
  revoke(client: string, token: string): Promise<void>;
  /** A JWT signed with the provider's own key: the header's `typ` and every claim are the caller's. */
  sign(claims: JWTPayload, typ?: string): Promise<string>;
  /** How many introspection requests the provider has answered so far. */
  introspections(): number;
  stop(): Promise<void>;
}

const secrets: Record<string, string> = { integration: 'integration-secret', ioc: 'ioc-secret', 'ioc-short': 'short-secret', portal: 'portal-secret', [apiAudience]: 'api-secret' };
const redirectUri = 'http://127.0.0.1/callback';

/** `portalRedirectUris`: where a portal under test may receive the sign-in code, besides the helper's own;
 *  `portalPostLogoutRedirectUris`: where the provider's sign-out may send it back; `portalAccessTokenTTL`:
 *  the lifetime of the portal's access tokens in seconds (600 by default), short to test their renewal. */
export async function startProvider(options: { portalRedirectUris?: string[]; portalPostLogoutRedirectUris?: string[]; portalAccessTokenTTL?: number } = {}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const scopes = 'kpi:read agencies:read documents:read reports:read reports:generate';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = 'test-signing-key';
  const provider = new Provider(issuer, {
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }] },
    clients: [
      { client_id: 'ioc', client_secret: secrets['ioc']!, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'kpi:read agencies:read' },
      { client_id: 'integration', client_secret: secrets['integration']!, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: scopes },
      { client_id: 'ioc-short', client_secret: secrets['ioc-short']!, grant_types: ['client_credentials'], response_types: [], redirect_uris: [], scope: 'kpi:read' },
      {
        client_id: 'portal', client_secret: secrets['portal']!, grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'],
        redirect_uris: [redirectUri, ...(options.portalRedirectUris ?? [])], post_logout_redirect_uris: options.portalPostLogoutRedirectUris ?? [],
      },
      { client_id: apiAudience, client_secret: secrets[apiAudience]!, grant_types: [], response_types: [], redirect_uris: [] },
    ],
    scopes: ['openid', ...scopes.split(' ')],
    pkce: { required: () => false },
    features: {
      devInteractions: { enabled: true },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:vanban:api',
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource, client) => ({
          scope: scopes,
          audience: apiAudience,
          // urn:vanban:opaque gives opaque tokens (introspection, revocation); ioc-short's expire in 1 s.
          accessTokenFormat: resource === 'urn:vanban:opaque' ? 'opaque' : 'jwt',
          accessTokenTTL: client.clientId === 'ioc-short' ? 1 : client.clientId === 'portal' ? options.portalAccessTokenTTL ?? 600 : 600,
        }),
      },
    },
    // Refresh tokens for the portal without asking for offline_access, as Keycloak issues them.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id }) }),
    extraTokenClaims: (_ctx, token) => ('accountId' in token && token.accountId ? people[token.accountId as string] : undefined),
    loadExistingGrant: async (ctx) => {
      // Consent is implied for the test portal: every requested scope is granted.
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid');
      grant.addResourceScope('urn:vanban:api', scopes);
      await grant.save();
      return grant;
    },
  });
  let introspections = 0;
  server.on('request', (request) => {
    if (request.url?.startsWith('/token/introspection')) introspections++;
  });
  server.on('request', provider.callback());

  const basic = (client: string) => `Basic ${Buffer.from(`${client}:${secrets[client]}`).toString('base64')}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields);

  return {
    issuer,
    async clientCredentials(client, scope, resource = 'urn:vanban:api') {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ grant_type: 'client_credentials', scope, resource }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`client credentials for ${client}: ${body.error_description}`);
      return body.access_token;
    },
    async signIn(person) {
      // The authorization-code flow a browser would run, cookie by cookie, through the dev login form.
      let cookies: string[] = [];
      const go = async (url: string, init: RequestInit = {}) => {
        const response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: cookies.join('; ') } });
        cookies = [...cookies, ...response.headers.getSetCookie().map((c) => c.split(';')[0]!)];
        return response;
      };
      const start = `${issuer}/auth?${form({ client_id: 'portal', response_type: 'code', scope: 'openid', redirect_uri: redirectUri, resource: 'urn:vanban:api' })}`;
      let response = await go(start);
      let location = response.headers.get('location')!;
      const interaction = new URL(location, issuer).href;
      await go(interaction);
      response = await go(interaction, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ prompt: 'login', login: person, password: 'any' }),
      });
      // Follow redirects until the provider sends the browser back to the portal with a code.
      for (location = response.headers.get('location')!; !location.startsWith(redirectUri); location = response.headers.get('location')!) {
        response = await go(new URL(location, issuer).href);
        if (!response.headers.get('location')) throw new Error(`sign-in of ${person} stopped at ${location} (${response.status})`);
      }
      const code = new URL(location).searchParams.get('code')!;
      const token = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: { authorization: basic('portal'), 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, resource: 'urn:vanban:api' }),
      });
      const body = (await token.json()) as { access_token?: string; error_description?: string };
      if (!body.access_token) throw new Error(`sign-in of ${person}: ${body.error_description}`);
      return body.access_token;
    },
    async revoke(client, token) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { authorization: basic(client), 'content-type': 'application/x-www-form-urlencoded' },
        body: form({ token }),
      });
      if (!response.ok) throw new Error(`revocation answered ${response.status}`);
    },
    sign: (claims, typ = 'JWT') => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ }).sign(privateKey),
    introspections: () => introspections,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

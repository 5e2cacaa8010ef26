// Builds the API (and, when given, mounts the portal behind it) without listening, so tests can
// call it with app.inject().
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Warehouse } from '@vanban/common';
import { AgencyAccess, audit } from './auth/access.js';
import { AddressLimiter } from './auth/address-limiter.js';
import { Authenticator } from './auth/authenticate.js';
import { demoAuthConfig, type ApiScope, type AuthConfig } from './auth/config.js';
import { DemoSignIn } from './auth/demo-sign-in.js';
import { portalCaller, portalKey, visitorHeader } from './auth/portal-identity.js';
import { AuthError, IdentityProviderError, RateLimitedError, type Principal } from './auth/principal.js';
import { registerErrorHandling } from './errors.js';
import { ApiMetrics } from './http/metrics.js';
import { ReadCache } from './http/read-cache.js';
import { openApiInfo } from './openapi.js';
import { ReportGenerator } from './reports/generator.js';
import { ReportScheduler, type ReportSchedule } from './reports/scheduler.js';
import { AlertMonitor, type AlertConfig } from './alerts/monitor.js';
import { DigestScheduler, type DigestConfig, type Mailer } from './digest/schedule.js';
import agencyRoutes from './routes/agencies/index.js';
import demoRoutes from './routes/demo/index.js';
import digestRoutes from './routes/digest/index.js';
import documentRoutes from './routes/documents/index.js';
import kpiRoutes from './routes/kpis/index.js';
import performanceRoutes from './routes/performance/index.js';
import reportRoutes from './routes/reports/index.js';
import systemRoutes from './routes/system/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    warehouse: Warehouse;
    /** The business date in Asia/Ho_Chi_Minh, used for A = min(to, today). */
    today(): string;
    readCache: ReadCache;
    metrics: ApiMetrics;
    /** Generates and archives the periodic reports, one at a time. */
    reports: ReportGenerator;
    /** Throws 401/403 unless the caller holds `scope` and `agency` is in their subtree. */
    authorizeAgency(request: FastifyRequest, agency: string, scope: ApiScope): Promise<void>;
  }
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /**
     * Who may call the route: `open` (health, docs), `portal` (the portal's pages, which call the
     * API with the visitor's own credentials) or `required` (the default: every other route).
     */
    auth?: 'open' | 'required' | 'portal';
  }
}

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AppOptions {
  warehouse: Warehouse;
  today: () => string;
  logLevel?: string;
  /** Serves every non-API path (the Next.js portal) when present. */
  pages?: PageHandler;
  /** Who may call; default the demo (aggregate reads open, nothing person-level). */
  auth?: AuthConfig;
  /** Makes each period's reports after its cut-off while the server runs; none when absent. */
  reportSchedule?: ReportSchedule & { everyMinutes: number };
  /** Threshold alerts for the IOC (api/src/alerts/monitor.ts); none when absent. */
  alerts?: AlertConfig;
  /** The daily digest (api/src/digest): subscriptions always; sent by `mailer` when there is one. */
  digest?: { config: DigestConfig; mailer: Mailer | null };
}

/**
 * Routes anyone may call, in every mode: liveness probes and the API's own documentation. Matched
 * against the route's registered pattern, never against the request's URL (which may be spelled
 * /%61pi/... and still reach an /api/ route).
 */
const openRoutes = /^\/api\/(health|docs)(\/|$)/;

/** Headers on every answer of the API (the portal's pages set their own). */
const securityHeaders = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer' };
/** JSON needs nothing; the docs page (Swagger UI) its own scripts, styles, inline SVG and same-origin calls. */
const jsonPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const docsPolicy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
/** Files (reports, metrics, the docs' scripts): no framing, and no more, so a browser's PDF viewer still works. */
const filePolicy = "frame-ancestors 'none'";

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const auth = options.auth ?? demoAuthConfig;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    // Behind the configured proxies, request.ip is the client they name (X-Forwarded-For), so limits
    // per address count each client rather than the proxy.
    trustProxy: auth.trusted_proxies.length > 0 ? auth.trusted_proxies : false,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  // Every route says whether it needs credentials, decided once from its registered pattern;
  // a route that says nothing needs them.
  app.addHook('onRoute', (route) => {
    if (route.config?.auth !== undefined) return;
    route.config = { ...route.config, auth: openRoutes.test(route.url ?? '') ? 'open' : 'required' };
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(securityHeaders);
    const type = String(reply.getHeader('content-type') ?? '');
    reply.header('content-security-policy', type.startsWith('text/html') ? docsPolicy : type.includes('json') ? jsonPolicy : filePolicy);
    return payload;
  });
  app.decorate('warehouse', options.warehouse);
  app.decorate('today', options.today);
  app.decorate('readCache', new ReadCache(options.warehouse));
  app.decorate('metrics', new ApiMetrics());
  app.addHook('onClose', async () => app.metrics.stop());
  app.decorate('reports', new ReportGenerator(options.warehouse, options.today));
  if (options.reportSchedule) {
    const scheduler = new ReportScheduler(app.reports, options.reportSchedule, options.today, app.log);
    const every = options.reportSchedule.everyMinutes;
    app.addHook('onReady', async () => scheduler.start(every));
    app.addHook('onClose', async () => scheduler.stop());
  }
  if (options.alerts) {
    const monitor = new AlertMonitor(options.warehouse, options.alerts, options.today, app.log);
    app.addHook('onReady', async () => monitor.start());
    app.addHook('onClose', async () => monitor.stop());
  }
  if (options.digest?.mailer) {
    const digest = new DigestScheduler(options.warehouse, options.digest.mailer, options.digest.config, app.log);
    app.addHook('onReady', async () => digest.start());
    app.addHook('onClose', async () => digest.stop());
  }
  const access = new AgencyAccess(options.warehouse);
  app.decorate('authorizeAgency', async (request: FastifyRequest, agency: string, scope: ApiScope) => {
    if (!request.principal) throw new AuthError(401, 'Credentials required');
    try {
      await access.authorize(request.principal, agency, scope);
    } catch (error) {
      // Person-level reads are audited when refused too: who tried to read whose staff.
      if (error instanceof AuthError && scope === 'documents:read') {
        const action = `${(request.routeOptions.url ?? 'unknown').replace(/^\/api\/v\d+\//, '').replaceAll('/', '.')}.denied`;
        await audit(options.warehouse, { requestId: request.id, principal: request.principal, action, agency, query: request.url, records: 0 })
          .catch((auditError: unknown) => request.log.error({ err: auditError }, 'a refused person-level read could not be audited'));
      }
      throw error;
    }
  });
  app.decorateRequest('principal', null as unknown as Principal);
  registerErrorHandling(app);
  app.metrics.attach(app);
  if (auth.mode === 'demo') app.log.warn('DEMO mode: aggregate KPI reads are open without credentials; do not expose this server beyond 127.0.0.1');

  const demo = auth.mode === 'demo' ? new DemoSignIn(options.warehouse) : undefined;
  const authenticator = new Authenticator(auth, demo);
  const unauthenticated = new AddressLimiter(auth.unauthenticated_rate_limit_per_minute);
  // Runs on the matched route, whatever the URL's spelling. Unmatched paths (the 404 handler) read
  // nothing and need no principal.
  app.addHook('onRequest', async (request, reply) => {
    if (request.routeOptions.url === undefined) return;
    const needs = request.routeOptions.config.auth ?? 'required';
    if (needs !== 'required') return;
    // The portal's reads count for the visitor they are made for; everyone else by their address.
    const caller = portalCaller(request.headers) ?? request.ip;
    const wait = unauthenticated.retryAfter(caller);
    if (wait > 0 && !(await authenticator.signedByProvider(request.headers))) {
      return reply.status(429).header('retry-after', String(wait)).send({ error: {
        code: 'rate_limited', message: `Too many requests without valid credentials from your address: the limit is ${unauthenticated.limit} per minute; retry in ${wait} s`,
      } });
    }
    try {
      request.principal = await authenticator.authenticate(request.headers, caller);
    } catch (error) {
      if (error instanceof AuthError && error.status === 401) unauthenticated.recordFailure(caller);
      if (error instanceof IdentityProviderError) {
        request.log.error({ err: error }, 'identity provider unavailable');
        return reply.status(503).header('retry-after', '30').send({ error: { code: 'identity_provider_unavailable', message: error.message } });
      }
      throw error;
    }
  });
  // After authentication (preHandler), so each caller is limited by their own allowance.
  await app.register(rateLimit, {
    hook: 'preHandler',
    timeWindow: 60_000,
    max: (request) => request.principal?.rateLimitPerMinute ?? auth.default_rate_limit_per_minute,
    keyGenerator: (request) => (request.principal ? `${request.principal.kind}:${request.principal.id}` : `ip:${request.ip}`),
    allowList: (request) => !request.principal,
    errorResponseBuilder: (_request, context) => new RateLimitedError(`Too many requests: the limit is ${context.max} per minute; retry in ${Math.ceil(context.ttl / 1000)} s`),
  });

  await app.register(swagger, { openapi: openApiInfo });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(kpiRoutes);
  await app.register(agencyRoutes);
  await app.register(documentRoutes);
  await app.register(performanceRoutes);
  await app.register(systemRoutes);
  await app.register(reportRoutes);
  await app.register(digestRoutes, { sending: Boolean(options.digest?.mailer), at: options.digest?.config.at ?? '07:30' });
  if (demo) await app.register(demoRoutes, { demo });
  if (options.pages) {
    const pages = options.pages;
    portalKey(); // made now, before the portal's first read
    await app.register(async (portal) => {
      // The portal's forms (sign-in) post to its own handlers: their bodies stay unread for Next.
      portal.addContentTypeParser('*', (_request, _payload, done) => done(null));
      portal.route({
        method: ['GET', 'HEAD', 'POST'],
        url: '/*',
        config: { auth: 'portal' },
        handler: async (request, reply) => {
          // Unknown API paths answer in the API's error format, not with a portal page: judged on
          // the decoded path the router matched, so /%61pi/... is an API path too.
          const rest = (request.params as { '*'?: string })['*'] ?? '';
          if (/^\/*api(\/|$)/i.test(`/${rest}`)) {
            return reply.status(404).send({ error: { code: 'not_found', message: `No endpoint ${request.method} /${rest}` } });
          }
          // The portal tells the API which visitor it reads for; the address is the API's, never the browser's say.
          request.raw.headers[visitorHeader] = request.ip;
          reply.hijack();
          await pages(request.raw, reply.raw);
        },
      });
    });
  }
  return app;
}

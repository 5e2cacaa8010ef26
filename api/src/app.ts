// Builds the API (and, when given, mounts the portal behind it) without listening, so tests can
// call it with app.inject().
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Warehouse } from '@vanban/common';
import { AgencyAccess } from './auth/access.js';
import { Authenticator } from './auth/authenticate.js';
import { demoAuthConfig, type ApiScope, type AuthConfig } from './auth/config.js';
import { DemoSignIn } from './auth/demo-sign-in.js';
import { RateLimitedError, type Principal } from './auth/principal.js';
import { registerErrorHandling } from './errors.js';
import { ApiMetrics } from './http/metrics.js';
import { ReadCache } from './http/read-cache.js';
import { openApiInfo } from './openapi.js';
import { ReportGenerator } from './reports/generator.js';
import { ReportScheduler, type ReportSchedule } from './reports/scheduler.js';
import agencyRoutes from './routes/agencies/index.js';
import demoRoutes from './routes/demo/index.js';
import documentRoutes from './routes/documents/index.js';
import kpiRoutes from './routes/kpis/index.js';
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
}

/** Paths anyone may read, in every mode: liveness probes and the API's own documentation. */
const openPaths = /^\/api\/(health$|docs(\/|$))/;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  const auth = options.auth ?? demoAuthConfig;
  app.decorate('warehouse', options.warehouse);
  app.decorate('today', options.today);
  app.decorate('readCache', new ReadCache(options.warehouse));
  app.decorate('metrics', new ApiMetrics());
  app.decorate('reports', new ReportGenerator(options.warehouse, options.today));
  if (options.reportSchedule) {
    const scheduler = new ReportScheduler(app.reports, options.reportSchedule, options.today, app.log);
    const every = options.reportSchedule.everyMinutes;
    app.addHook('onReady', async () => scheduler.start(every));
    app.addHook('onClose', async () => scheduler.stop());
  }
  const access = new AgencyAccess(options.warehouse);
  app.decorate('authorizeAgency', (request: FastifyRequest, agency: string, scope: ApiScope) => access.authorize(request.principal, agency, scope));
  app.decorateRequest('principal', null as unknown as Principal);
  registerErrorHandling(app);
  app.metrics.attach(app);
  if (auth.mode === 'demo') app.log.warn('DEMO mode: aggregate KPI reads are open without credentials; do not expose this server beyond 127.0.0.1');

  const demo = auth.mode === 'demo' ? new DemoSignIn(options.warehouse) : undefined;
  const authenticator = new Authenticator(auth, demo);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0]!;
    if (!path.startsWith('/api/') && path !== '/metrics') return;
    if (openPaths.test(path)) return;
    request.principal = await authenticator.authenticate(request.headers, request.ip);
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
  await app.register(systemRoutes);
  await app.register(reportRoutes);
  if (demo) await app.register(demoRoutes, { demo });
  if (options.pages) {
    const pages = options.pages;
    await app.register(async (portal) => {
      // The portal's forms (sign-in) post to its own handlers: their bodies stay unread for Next.
      portal.addContentTypeParser('*', (_request, _payload, done) => done(null));
      portal.route({
        method: ['GET', 'HEAD', 'POST'],
        url: '/*',
        handler: async (request, reply) => {
          // Unknown API paths answer in the API's error format, not with a portal page.
          if (request.url.startsWith('/api/')) {
            return reply.status(404).send({ error: { code: 'not_found', message: `No endpoint ${request.method} ${request.url.split('?')[0]}` } });
          }
          reply.hijack();
          await pages(request.raw, reply.raw);
        },
      });
    });
  }
  return app;
}

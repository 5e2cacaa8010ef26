// Builds the API (and, when given, mounts the portal behind it) without listening, so tests can
// call it with app.inject().
import Fastify, { type FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Warehouse } from '@vanban/common';
import { registerErrorHandling } from './errors.js';
import kpiRoutes from './routes/kpis/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    warehouse: Warehouse;
    /** The business date in Asia/Ho_Chi_Minh, used for A = min(to, today). */
    today(): string;
  }
}

export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface AppOptions {
  warehouse: Warehouse;
  today: () => string;
  logLevel?: string;
  /** Serves every non-API path (the Next.js portal) when present. */
  pages?: PageHandler;
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, useDefaults: true } },
  });
  app.decorate('warehouse', options.warehouse);
  app.decorate('today', options.today);
  registerErrorHandling(app);
  await app.register(kpiRoutes);
  app.get('/api/health', async () => ({ status: 'ok' }));
  if (options.pages) {
    const pages = options.pages;
    app.route({
      method: ['GET', 'HEAD'],
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
  }
  return app;
}

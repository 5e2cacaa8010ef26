// Liveness, data freshness and Prometheus metrics.
import type { FastifyInstance } from 'fastify';
import { requireScope } from '../../auth/access.js';
import { dataAsOf } from '../../kpi/kpi-summary.js';
import { freshness } from '../../http/metrics.js';
import { errorResponses } from '../kpis/schema.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const nullableString = { type: ['string', 'null'] } as const;

export default async function systemRoutes(app: FastifyInstance): Promise<void> {
  app.get('/api/health', {
    schema: {
      tags: ['System'],
      summary: 'Liveness: the process answers (open to probes without credentials)',
      response: { 200: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } } } },
    },
  }, async () => ({ status: 'ok' as const }));

  // Who the caller is to the API: the portal lands a person on their own agency with it.
  app.get('/api/v1/me', {
    schema: {
      tags: ['System'],
      summary: 'The caller as the API sees them: kind, name and the agency whose subtree they may read',
      response: {
        200: {
          type: 'object',
          required: ['kind', 'name', 'agency', 'scopes'],
          properties: {
            kind: { type: 'string', enum: ['person', 'client', 'api_key', 'anonymous'] },
            name: nullableString,
            agency: { ...nullableString, description: 'null: every agency' },
            scopes: { type: 'array', items: { type: 'string' } },
          },
        },
        ...errorResponses,
      },
    },
  }, async (request) => ({
    kind: request.principal.kind,
    name: request.principal.name ?? null,
    agency: request.principal.agency,
    scopes: [...request.principal.scopes].sort(),
  }));

  app.get('/api/v1/freshness', {
    schema: {
      tags: ['System'],
      summary: 'How fresh the figures are: ingest lag, data_as_of and its age, the latest model build',
      response: {
        200: {
          type: 'object',
          required: ['data_as_of', 'data_as_of_age_seconds', 'ingest_watermark', 'ingest_lag_seconds', 'last_build_at', 'last_build_seconds'],
          properties: {
            data_as_of: nullableString, data_as_of_age_seconds: nullableNumber,
            ingest_watermark: nullableString, ingest_lag_seconds: nullableNumber,
            last_build_at: nullableString, last_build_seconds: nullableNumber,
          },
        },
        ...errorResponses,
      },
    },
  }, async (request) => {
    requireScope(request.principal, 'kpi:read');
    return { data_as_of: await dataAsOf(app.warehouse), ...(await freshness(app.warehouse)) };
  });

  app.get('/metrics', {
    schema: {
      tags: ['System'],
      summary: 'Prometheus metrics: request latency, ingest lag, data_as_of age',
      produces: ['text/plain'],
      response: { 200: { type: 'string', description: 'Prometheus text exposition format' }, ...errorResponses },
    },
  }, async (request, reply) => {
    requireScope(request.principal, 'kpi:read');
    reply.type('text/plain; version=0.0.4');
    return app.metrics.render(app.warehouse);
  });
}

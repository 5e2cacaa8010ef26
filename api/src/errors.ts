// API errors as ioc-api.md fixes them: { error: { code, message } } with a message a person can act on,
// never a stack trace or SQL.
import type { FastifyError, FastifyInstance } from 'fastify';
import { AuthError, RateLimitedError } from './auth/principal.js';
import { UnknownAgencyError } from './kpi/kpi-summary.js';
import { ArchiveCorruptedError } from './reports/archive.js';
import { PdfUnavailableError } from './reports/render.js';
import { BadRequestError, BusyError, NotFoundError, QuotaExceededError } from './request-errors.js';

export { BadRequestError, NotFoundError };

export const errorBodySchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' } },
    },
  },
} as const;

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      const detail = error.validation.map((v) => `${v.instancePath.replace(/^\//, '') || v.params?.['missingProperty'] || 'query'} ${v.message}`).join('; ');
      return reply.status(400).send({ error: { code: 'bad_request', message: `Invalid ${error.validationContext === 'body' ? 'request body' : 'query'}: ${detail}` } });
    }
    if (error instanceof BadRequestError) {
      return reply.status(400).send({ error: { code: error.code, message: error.message } });
    }
    if (error instanceof AuthError) {
      if (error.status === 401) reply.header('www-authenticate', 'Bearer');
      return reply.status(error.status).send({ error: { code: error.status === 401 ? 'unauthorized' : 'forbidden', message: error.message } });
    }
    if (error instanceof RateLimitedError) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: error.message } });
    }
    if (error instanceof UnknownAgencyError) {
      return reply.status(404).send({ error: { code: 'agency_not_found', message: error.message } });
    }
    if (error instanceof NotFoundError) {
      return reply.status(404).send({ error: { code: error.code, message: error.message } });
    }
    if (error instanceof BusyError) {
      return reply.status(error.status).header('retry-after', String(error.retryAfterSeconds)).send({ error: { code: error.status === 429 ? 'rate_limited' : 'busy', message: error.message } });
    }
    if (error instanceof QuotaExceededError) {
      return reply.status(409).send({ error: { code: 'quota_exceeded', message: error.message } });
    }
    if (error instanceof PdfUnavailableError) {
      return reply.status(503).send({ error: { code: 'pdf_unavailable', message: error.message } });
    }
    if (error instanceof ArchiveCorruptedError) {
      request.log.error({ err: error }, 'archived report corrupted');
      return reply.status(500).send({ error: { code: 'archive_corrupted', message: error.message } });
    }
    // Fastify's own client errors (415 no content type, 413 body too large, 400 bad JSON…): the
    // caller's mistake, said in the API's format rather than hidden behind a 500.
    if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.status(error.statusCode).send({ error: { code: 'bad_request', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'internal', message: 'The server could not answer; the error is logged with request id ' + request.id } });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'not_found', message: `No endpoint ${request.method} ${request.url.split('?')[0]}` } });
  });
}

// The daily digest's subscription, the caller's own: GET shows it with the latest messages sent,
// PUT subscribes (or changes the address or the agency), DELETE unsubscribes. Only a person signed
// in can subscribe, and only to an agency whose documents they may read down to the person
// (documents:read): the digest names who handles each document. Every change is audited.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { audit } from '../../auth/access.js';
import { AuthError, type Principal } from '../../auth/principal.js';
import { errorBodySchema } from '../../errors.js';
import { resolveScope } from '../../kpi/kpi-summary.js';
import { recentDeliveries, saveSubscription, subscriptionOf } from '../../digest/subscriptions.js';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema, 500: errorBodySchema } as const;

const subscriptionSchema = {
  type: ['object', 'null'],
  required: ['name', 'email', 'agency', 'active', 'updated_at'],
  properties: {
    name: { type: 'string' }, email: { type: 'string' }, agency: { type: 'string', description: 'The digest covers this agency\'s subtree' },
    active: { type: 'boolean' }, updated_at: { type: 'string' },
  },
} as const;

const answerSchema = {
  type: 'object',
  required: ['subscription', 'suggested', 'sending', 'deliveries'],
  properties: {
    subscription: subscriptionSchema,
    suggested: {
      type: 'object', required: ['name', 'email', 'agency'], description: 'What the caller\'s token says, to fill the form',
      properties: { name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] }, agency: { type: ['string', 'null'], description: 'null: every agency may be chosen' } },
    },
    sending: { type: 'boolean', description: 'Whether this server sends digests (an SMTP server is configured)' },
    at: { type: 'string', description: 'The time of day (Asia/Ho_Chi_Minh) from which each working day\'s digest goes out' },
    deliveries: {
      type: 'array', description: 'The latest messages to the caller, newest first',
      items: {
        type: 'object', required: ['day', 'event', 'email', 'subject', 'at'],
        properties: { day: { type: 'string', format: 'date' }, event: { type: 'string', enum: ['sent', 'failed', 'gave_up'] }, email: { type: 'string' }, subject: { type: 'string' }, at: { type: 'string' } },
      },
    },
  },
} as const;

const bodySchema = {
  type: 'object',
  required: ['email', 'agency'],
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 3, maxLength: 254, pattern: '^[^\\s@<>,;"]+@[^\\s@<>,;"]+\\.[^\\s@<>,;"]+$', description: 'Where the digest goes' },
    agency: { type: 'string', minLength: 1, maxLength: 64, description: 'Agency code: the digest covers its subtree', examples: ['000.00.00.H26'] },
    name: { type: 'string', maxLength: 200, description: 'How the message greets the reader; the token\'s name by default' },
  },
} as const;

const tags = ['Digest'];

export interface DigestRouteOptions { sending: boolean; at: string }

export default async function digestRoutes(app: FastifyInstance, options: DigestRouteOptions): Promise<void> {
  const person = (request: FastifyRequest): Principal => {
    if (!request.principal || request.principal.kind === 'anonymous') throw new AuthError(401, 'Sign in to subscribe to the daily digest');
    if (request.principal.kind !== 'person') throw new AuthError(403, 'Only a person can subscribe to the daily digest, not a client or an API key');
    return request.principal;
  };
  const answer = async (principal: Principal) => ({
    subscription: await subscriptionOf(app.warehouse, principal.id).then((s) => s && { name: s.name, email: s.email, agency: s.agency, active: s.active, updated_at: s.updated_at }),
    suggested: { name: principal.name ?? null, email: principal.email ?? null, agency: principal.agency },
    sending: options.sending,
    at: options.at,
    deliveries: await recentDeliveries(app.warehouse, principal.id),
  });

  app.get('/api/v1/digest/subscription', {
    schema: { tags, summary: 'The caller\'s subscription to the daily digest by e-mail, and the latest messages', response: { 200: answerSchema, ...errors } },
  }, async (request) => answer(person(request)));

  app.put<{ Body: { email: string; agency: string; name?: string } }>('/api/v1/digest/subscription', {
    schema: {
      tags, summary: 'Subscribe to the daily digest (or change its address or agency)',
      description: 'Each working day the subscriber receives the agency subtree\'s documents due soon, newly overdue and never assigned, with who handles them, and the agencies whose backlog grew. Needs documents:read on the agency. Audited.',
      body: bodySchema, response: { 200: answerSchema, ...errors },
    },
  }, async (request) => {
    const principal = person(request);
    await app.authorizeAgency(request, request.body.agency, 'documents:read');
    // An agency of today's structure (404 otherwise, also for those who may read every agency).
    await resolveScope(app.warehouse, request.body.agency, 'subtree', app.today());
    const name = request.body.name?.trim() || principal.name || '';
    await saveSubscription(app.warehouse, { subscriber: principal.id, name, email: request.body.email, agency: request.body.agency }, true);
    await audit(app.warehouse, { requestId: request.id, principal, action: 'digest.subscribe', agency: request.body.agency, query: request.url, records: 0 });
    return answer(principal);
  });

  app.delete('/api/v1/digest/subscription', {
    schema: { tags, summary: 'Unsubscribe from the daily digest', response: { 200: answerSchema, ...errors } },
  }, async (request) => {
    const principal = person(request);
    const current = await subscriptionOf(app.warehouse, principal.id);
    if (current?.active) {
      await saveSubscription(app.warehouse, { subscriber: principal.id, name: current.name, email: current.email, agency: current.agency }, false);
      await audit(app.warehouse, { requestId: request.id, principal, action: 'digest.unsubscribe', agency: current.agency, query: request.url, records: 0 });
    }
    return answer(principal);
  });
}

// GET /api/v1/performance/units and /api/v1/performance/people: units and people ranked by the
// on-time rate of what they lead over a period (kpi.md, Where documents wait). People are
// person-level data: documents:read, and every read is audited.
import type { FastifyInstance } from 'fastify';
import { audit } from '../../auth/access.js';
import { validatePeriod } from '../../kpi/periods.js';
import { performance, type PerformanceQuery } from '../../performance/performance.js';
import { strictIntegers } from '../../http/strict-integers.js';
import { agencySchema, errorResponses, kpiQuerySchema, periodSchema } from '../kpis/schema.js';

const count = { type: 'integer', minimum: 0 } as const;
const nullableString = { type: ['string', 'null'] } as const;

const querystring = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: {
    agency: kpiQuerySchema.properties.agency,
    from: kpiQuerySchema.properties.from,
    to: kpiQuerySchema.properties.to,
    scope: kpiQuerySchema.properties.scope,
    min_completed: { type: 'integer', minimum: 0, maximum: 100_000, default: 5, description: 'Ranked only with at least this many assignments completed in the period; the others follow, most overdue first' },
    limit: { type: 'integer', minimum: 1, maximum: 1000, default: 50 },
  },
} as const;

const rowSchema = (person: boolean) => ({
  type: 'object',
  required: ['rank', 'agency', 'unit', ...(person ? ['person'] : []), 'assignments_completed', 'assignments_on_time', 'assignments_late', 'assignment_on_time_rate', 'assignments_open_overdue', 'assignment_days'],
  properties: {
    rank: { type: ['integer', 'null'], description: '1 = the lowest on-time rate (worst first); null: too few completions to rank' },
    agency: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
    unit: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'integer' }, name: nullableString } },
    ...(person ? { person: { type: 'object', required: ['id', 'name', 'position'], properties: { id: { type: 'integer' }, name: nullableString, position: nullableString } } } : {}),
    assignments_completed: { ...count, description: 'Lead assignments completed in the period' },
    assignments_on_time: { ...count, description: 'of those, by the assignment\'s due date' },
    assignments_late: { ...count, description: 'of those, after it' },
    assignment_on_time_rate: { type: ['number', 'null'], description: 'on_time / (on_time + late); null when none had a due date' },
    assignments_open_overdue: { ...count, description: 'Lead assignments given by as_of, not done by it, past their due date' },
    assignment_days: {
      type: 'object', required: ['median', 'p90'],
      description: 'Working days from assignment to completion of the lead assignments completed in the period (where the unit\'s or person\'s part waits)',
      properties: { median: { type: ['integer', 'null'] }, p90: { type: ['integer', 'null'] } },
    },
  },
});

const routeSchema = (person: boolean) => ({
  tags: ['Performance'],
  summary: person
    ? 'People ranked by the on-time rate of the documents they lead over a period (audited)'
    : 'Units ranked by the on-time rate of the documents they lead over a period',
  description: 'kpi.md "Where documents wait", per unit and per person: lead assignments (chủ trì) of the scope\'s documents. A unit is one of an agency: rows are keyed by agency and unit (or person).',
  querystring,
  response: {
    200: {
      type: 'object',
      required: ['agency', 'scope', 'level', 'period', 'data_as_of', 'total', 'rows'],
      properties: {
        agency: agencySchema, scope: { type: 'string' }, level: { type: 'string', enum: ['unit', 'person'] }, period: periodSchema,
        data_as_of: nullableString, total: { ...count, description: 'Every unit or person with a completion in the period or an overdue assignment at as_of' },
        rows: { type: 'array', items: rowSchema(person) },
      },
    },
    ...errorResponses,
  },
});

export default async function performanceRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  app.get<{ Querystring: PerformanceQuery }>('/api/v1/performance/units', { schema: routeSchema(false) }, async (request, reply) => {
    const today = app.today();
    validatePeriod(request.query.from, request.query.to, today);
    await app.authorizeAgency(request, request.query.agency, 'kpi:read');
    const answer = await app.readCache.serve(request, reply, () => performance(app.warehouse, 'unit', request.query, today), today);
    return answer ?? reply.send();
  });

  app.get<{ Querystring: PerformanceQuery }>('/api/v1/performance/people', { schema: routeSchema(true) }, async (request) => {
    const today = app.today();
    validatePeriod(request.query.from, request.query.to, today);
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    // Not cached: each read must reach the audit log with what it returned.
    const answer = await app.readCache.gated(request, () => performance(app.warehouse, 'person', request.query, today));
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'performance.people', agency: request.query.agency,
      query: request.url, records: answer.rows.length,
    });
    return answer;
  });
}

// GET /api/v1/documents/open — open (or only overdue) incoming documents with the units and named
// staff handling them, paginated. Person-level data: needs "documents:read", and every read is
// written to the audit log before the answer leaves.
import type { FastifyInstance } from 'fastify';
import { audit } from '../../auth/access.js';
import { openDocuments, type OpenDocumentsQuery } from '../../documents/open-documents.js';
import { workload } from '../../documents/workload.js';
import type { Scope } from '../../kpi/kpi-summary.js';
import { agencySchema, errorResponses } from '../kpis/schema.js';
import { strictIntegers } from '../../http/strict-integers.js';

const nullableString = { type: ['string', 'null'] } as const;

const schema = {
  tags: ['Documents'],
  summary: 'Open and overdue incoming documents, down to units and named staff (audited)',
  description: 'Documents open today (registered, not completed, not withdrawn or returned), most overdue first. Every read is written to the audit log.',
  querystring: {
    type: 'object',
    required: ['agency'],
    additionalProperties: false,
    properties: {
      agency: { type: 'string', minLength: 1, maxLength: 64 },
      scope: { type: 'string', enum: ['self', 'subtree'], default: 'subtree' },
      overdue: { type: 'boolean', default: false, description: 'Only documents past their deadline' },
      page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
      page_size: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['agency', 'scope', 'as_of', 'data_as_of', 'overdue_only', 'total', 'page', 'page_size', 'documents'],
      properties: {
        agency: agencySchema,
        scope: { type: 'string' },
        as_of: { type: 'string', format: 'date' },
        data_as_of: nullableString,
        overdue_only: { type: 'boolean' },
        total: { type: 'integer', minimum: 0 },
        page: { type: 'integer' },
        page_size: { type: 'integer' },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            required: ['agency_code', 'reg_number', 'source_notation', 'issuer_name', 'summary', 'received_date', 'due_date', 'days_overdue', 'urgency', 'status', 'assignees'],
            properties: {
              agency_code: { type: 'string' },
              reg_number: { type: 'integer' },
              source_notation: { type: 'string' },
              issuer_name: { type: 'string' },
              summary: { type: 'string' },
              received_date: { type: 'string', format: 'date' },
              due_date: nullableString,
              days_overdue: { type: 'integer', minimum: 0 },
              urgency: { type: 'string' },
              status: { type: 'string' },
              assignees: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['role', 'status', 'unit', 'staff_name', 'staff_position', 'due_date'],
                  properties: { role: { type: 'string' }, status: { type: 'string' }, unit: nullableString, staff_name: nullableString, staff_position: nullableString, due_date: nullableString },
                },
              },
            },
          },
        },
      },
    },
    ...errorResponses,
  },
} as const;

const workloadRow = {
  type: 'object',
  required: ['unit', 'open', 'overdue'],
  properties: { unit: { type: 'string' }, staff: { type: 'string' }, open: { type: 'integer', minimum: 0 }, overdue: { type: 'integer', minimum: 0 } },
} as const;

const workloadSchema = {
  tags: ['Documents'],
  summary: 'Who holds the open documents: units and named staff with open and overdue counts (audited)',
  description: 'Lead assignments (chủ trì) still pending or in progress on documents open today, heaviest overdue first.',
  querystring: {
    type: 'object',
    required: ['agency'],
    additionalProperties: false,
    properties: {
      agency: { type: 'string', minLength: 1, maxLength: 64, examples: ['000.00.00.H26'] },
      scope: { type: 'string', enum: ['self', 'subtree'], default: 'subtree' },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 20, description: 'Units and people listed, each' },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['agency', 'scope', 'as_of', 'data_as_of', 'units', 'staff'],
      properties: {
        agency: agencySchema, scope: { type: 'string' }, as_of: { type: 'string', format: 'date' }, data_as_of: nullableString,
        units: { type: 'array', items: workloadRow }, staff: { type: 'array', items: workloadRow },
      },
    },
    ...errorResponses,
  },
} as const;

export default async function documentRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  app.get<{ Querystring: { agency: string; scope: Scope; limit: number } }>('/api/v1/documents/workload', { schema: workloadSchema }, async (request) => {
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    const answer = await workload(app.warehouse, request.query, app.today());
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'documents.workload', agency: request.query.agency,
      query: request.url, records: answer.staff.length,
    });
    return answer;
  });

  app.get<{ Querystring: OpenDocumentsQuery }>('/api/v1/documents/open', { schema }, async (request) => {
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    // Not cached: each read must reach the audit log with what it returned.
    const answer = await openDocuments(app.warehouse, request.query, app.today());
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'documents.open', agency: request.query.agency,
      query: request.url, records: answer.documents.length,
    });
    return answer;
  });
}

// GET /api/v1/documents/open — open (or only overdue) incoming documents with the units and named
// staff handling them, paginated. Person-level data: needs "documents:read", and every read is
// written to the audit log before the answer leaves.
import type { FastifyInstance } from 'fastify';
import { audit } from '../../auth/access.js';
import { agencyKinds, openDocuments, openDocumentsOrders, urgencies, type OpenDocumentsQuery } from '../../documents/open-documents.js';
import { workload } from '../../documents/workload.js';
import { chasingLetter, letterDocumentLimit, letterDocxOffThread } from '../../documents/chasing-letter.js';
import { docxToPdf } from '../../documents/docx-to-pdf.js';
import type { Scope } from '../../kpi/kpi-summary.js';
import { agencySchema, errorResponses } from '../kpis/schema.js';
import { strictIntegers } from '../../http/strict-integers.js';

const nullableString = { type: ['string', 'null'] } as const;

const schema = {
  tags: ['Documents'],
  summary: 'Open and overdue incoming documents, down to units and named staff (audited)',
  description: 'Documents open today (registered, not completed, not withdrawn or returned), most overdue first; the filters combine. Every read is written to the audit log.',
  querystring: {
    type: 'object',
    required: ['agency'],
    additionalProperties: false,
    properties: {
      agency: { type: 'string', minLength: 1, maxLength: 64 },
      scope: { type: 'string', enum: ['self', 'subtree'], default: 'subtree' },
      overdue: { type: 'boolean', default: false, description: 'Only documents past their deadline' },
      due_soon: { type: 'boolean', default: false, description: 'Only documents due within three working days (kpi.md open_due_soon)' },
      unassigned: { type: 'boolean', default: false, description: 'Only documents nobody was assigned to handle (chưa giao xử lý)' },
      due_from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Only documents due on or after this day; with overdue=true, those that fell overdue since then' },
      urgency: { type: 'string', enum: urgencies, description: 'Only documents of this urgency: normal (thường), urgent (khẩn), very_urgent (thượng khẩn), flash (hỏa tốc)' },
      kind: { type: 'string', enum: agencyKinds, description: 'Only documents received by an agency of this kind (its own kind in the agency tree)' },
      order: { type: 'string', enum: openDocumentsOrders, default: 'most_overdue', description: 'most_overdue: earliest deadline first; newest_overdue: latest deadline first (what fell overdue most recently). Documents without a deadline come last in both.' },
      page: { type: 'integer', minimum: 1, maximum: 100_000, default: 1 },
      page_size: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['agency', 'scope', 'as_of', 'data_as_of', 'overdue_only', 'filters', 'total', 'page', 'page_size', 'documents'],
      properties: {
        agency: agencySchema,
        scope: { type: 'string' },
        as_of: { type: 'string', format: 'date' },
        data_as_of: nullableString,
        overdue_only: { type: 'boolean' },
        filters: {
          type: 'object',
          required: ['urgency', 'kind', 'order'],
          description: 'The narrowing and order applied (null: not narrowed)',
          properties: { urgency: { type: ['string', 'null'], enum: [...urgencies, null] }, kind: { type: ['string', 'null'], enum: [...agencyKinds, null] }, order: { type: 'string', enum: openDocumentsOrders } },
        },
        total: { type: 'integer', minimum: 0 },
        page: { type: 'integer' },
        page_size: { type: 'integer' },
        documents: {
          type: 'array',
          items: {
            type: 'object',
            required: ['agency_code', 'agency_name', 'agency_kind', 'reg_number', 'source_notation', 'issuer_name', 'summary', 'received_date', 'due_date', 'days_overdue', 'urgency', 'status', 'assignees'],
            properties: {
              agency_code: { type: 'string', description: 'The receiving agency; the units named in assignees are its own' },
              agency_name: { type: 'string' },
              agency_kind: { type: 'string' },
              reg_number: { type: 'integer' },
              source_notation: { type: 'string' },
              issuer_name: { type: 'string' },
              summary: { type: 'string' },
              received_date: { type: 'string', format: 'date' },
              due_date: nullableString,
              days_overdue: { type: 'integer', minimum: 0, description: 'Working days overdue at as_of, wd(as_of) − wd(due_date) (kpi.md); 0 when not past due, or on a weekend day right after the deadline' },
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
  required: ['agency_code', 'agency_name', 'unit', 'open', 'overdue'],
  properties: {
    agency_code: { type: 'string', description: 'The agency the unit belongs to (the one that received the documents): units of different agencies are separate rows even with the same name' },
    agency_name: { type: 'string' },
    unit: { type: 'string' }, staff: { type: 'string' }, open: { type: 'integer', minimum: 0 }, overdue: { type: 'integer', minimum: 0 } },
} as const;

const workloadSchema = {
  tags: ['Documents'],
  summary: 'Who holds the open documents: units and named staff with open and overdue counts (audited)',
  description: 'Lead assignments (chủ trì) still pending or in progress on documents open today, heaviest overdue first; one row per unit of an agency (or person in it), never units of different agencies added up by name.',
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

const letterSchema = {
  tags: ['Documents'],
  summary: 'A draft chasing letter (công văn đôn đốc) to an agency about its overdue documents, as DOCX or PDF (audited)',
  description: `Decree 30/2020/NĐ-CP layout, from the agency's superior, with an appendix listing the agency's own overdue incoming documents (at most ${letterDocumentLimit}, the most overdue first): number and notation, subject, due date, working days overdue, and the unit and person leading their handling. Number, date and signer are left for the clerk. The PDF is the DOCX converted by LibreOffice.`,
  querystring: {
    type: 'object',
    required: ['agency'],
    additionalProperties: false,
    properties: {
      agency: { type: 'string', minLength: 1, maxLength: 64, examples: ['000.00.00.H26'] },
      format: { type: 'string', enum: ['docx', 'pdf'], default: 'docx' },
    },
  },
  response: {
    200: {
      description: 'The letter, named cong-van-don-doc_<agency code>_<date>.<format>',
      content: {
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document': { schema: { type: 'string', format: 'binary' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...errorResponses,
  },
} as const;

const letterTypes = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;

export default async function documentRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  app.get<{ Querystring: { agency: string; scope: Scope; limit: number } }>('/api/v1/documents/workload', { schema: workloadSchema }, async (request) => {
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    const answer = await app.readCache.gated(request, () => workload(app.warehouse, request.query, app.today()));
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'documents.workload', agency: request.query.agency,
      query: request.url, records: answer.staff.length,
    });
    return answer;
  });

  app.get<{ Querystring: { agency: string; format: 'docx' | 'pdf' } }>('/api/v1/documents/chasing-letter', { schema: letterSchema }, async (request, reply) => {
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    const today = app.today();
    // Read, laid out and (for a PDF) converted within one slot of the gate: LibreOffice converts one
    // file at a time, and a burst of letters must not queue there in front of everyone else's.
    const { letter, file } = await app.readCache.gated(request, async () => {
      const read = await chasingLetter(app.warehouse, request.query.agency, today);
      const docx = await letterDocxOffThread(read);
      return { letter: read, file: request.query.format === 'pdf' ? await docxToPdf(docx) : docx };
    });
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'documents.chasing_letter', agency: request.query.agency,
      query: request.url, records: letter.documents.length,
    });
    return reply
      .type(letterTypes[request.query.format])
      .header('content-disposition', `attachment; filename="cong-van-don-doc_${letter.agency.code}_${today}.${request.query.format}"`)
      .send(file);
  });

  app.get<{ Querystring: OpenDocumentsQuery }>('/api/v1/documents/open', { schema }, async (request) => {
    await app.authorizeAgency(request, request.query.agency, 'documents:read');
    // Not cached: each read must reach the audit log with what it returned.
    const answer = await app.readCache.gated(request, () => openDocuments(app.warehouse, request.query, app.today()));
    await audit(app.warehouse, {
      requestId: request.id, principal: request.principal, action: 'documents.open', agency: request.query.agency,
      query: request.url, records: answer.documents.length,
    });
    return answer;
  });
}

// The periodic reports of shared/spec/reports.md over HTTP: generate one on demand (it is archived
// like every other), list the archive, read one entry, and download its file again byte for byte.
// A caller sees the reports of the agencies in their subtree; a report elsewhere is "not found".
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireScope } from '../../auth/access.js';
import { AuthError } from '../../auth/principal.js';
import { errorBodySchema, NotFoundError } from '../../errors.js';
import { reportPeriodKinds, type ReportPeriodKind } from '../../kpi/periods.js';
import type { ArchiveEntry } from '../../reports/archive.js';
import type { GenerateRequest } from '../../reports/generator.js';
import { failingReports } from '../../reports/scheduler.js';
import { contentTypes, reportFormats, type ReportFormat } from '../../reports/render.js';
import { reportKinds, type ReportKind } from '../../reports/report.js';
import { strictIntegers } from '../../http/strict-integers.js';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema, 429: errorBodySchema, 500: errorBodySchema, 503: errorBodySchema } as const;
const idParams = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^[A-Za-z0-9-]{1,64}$' } } } as const;

const entrySchema = {
  type: 'object',
  required: ['id', 'generated_at', 'requested_by', 'requested_by_name', 'requested_via', 'period_kind', 'calendar', 'period_from', 'period_to', 'scope_code', 'scope_name', 'agency_kind', 'view', 'format', 'file_name', 'content_type', 'size', 'sha256', 'data_as_of', 'duration_ms', 'provisional', 'download_url'],
  properties: {
    id: { type: 'string' },
    generated_at: { type: 'string', format: 'date-time' },
    requested_by: { type: 'string', description: 'person:<subject>, client:<id>, api_key:<id>, scheduler or operator:<user>' },
    requested_by_name: { type: 'string', description: 'The person\'s name as their token gave it; empty for the scheduler, clients, API keys and operators' },
    requested_via: { type: 'string', enum: ['api', 'schedule', 'cli'] },
    period_kind: { type: 'string', enum: reportPeriodKinds },
    calendar: { type: 'boolean', description: 'Calendar months rather than the statutory cut-off on the 14th' },
    period_from: { type: 'string', format: 'date' },
    period_to: { type: 'string', format: 'date' },
    scope_code: { type: 'string' },
    scope_name: { type: 'string' },
    agency_kind: { type: 'string', enum: ['', ...reportKinds], description: 'The one level reported on; empty for every level' },
    view: { type: 'string', enum: ['as_was', 'as_is'] },
    format: { type: 'string', enum: reportFormats },
    file_name: { type: 'string' },
    content_type: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
    data_as_of: { type: ['string', 'null'] },
    provisional: { type: 'boolean', description: 'Tạm tính: made before the data reached past the period\'s last day (the period had not ended, or the data lagged behind its cut-off); stamped in the file' },
    duration_ms: { type: 'integer', minimum: 0 },
    download_url: { type: 'string' },
  },
} as const;

const listSchema = {
  tags: ['Reports'],
  summary: 'The report archive: every generated report in your subtree, newest first',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      period: { type: 'string', enum: reportPeriodKinds },
      format: { type: 'string', enum: reportFormats },
      limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    },
  },
  response: { 200: { type: 'object', required: ['reports'], properties: { reports: { type: 'array', items: entrySchema } } }, ...errors },
} as const;

const generateSchema = {
  tags: ['Reports'],
  summary: 'Generate a periodic report now (Excel or PDF) and archive it',
  description: 'The period is the statutory one (cut off on the 14th) of the given kind that contains `at`, or with `calendar` the calendar one. The answer comes when the file is archived: a yearly city report takes a few seconds. Reports are made one at a time; when many wait, 503 with Retry-After. When the archive already holds the same report computed from the same data, that entry is answered (200) instead of a new copy (201). The files archived at one requester\'s request are limited (200 MB by default): over it, 409. `at` must lie inside the dates the warehouse holds (2000-01-01 to 2035-12-31), and so must the period and the one it is compared with.',
  body: {
    type: 'object',
    required: ['period', 'at', 'scope', 'format'],
    additionalProperties: false,
    properties: {
      period: { type: 'string', enum: reportPeriodKinds },
      calendar: { type: 'boolean', default: false },
      at: { type: 'string', format: 'date', description: 'Any date inside the period wanted (a real date: 2025-02-30 is refused)', examples: ['2025-06-01'] },
      scope: { type: 'string', minLength: 1, maxLength: 64, description: 'Agency code: the report covers its subtree', examples: ['000.00.00.H26'] },
      kind: { type: 'string', enum: reportKinds, description: 'Only this level below the scope (every commune of the city, say)' },
      view: { type: 'string', enum: ['as_was', 'as_is'], default: 'as_was' },
      format: { type: 'string', enum: reportFormats },
    },
  },
  response: { 200: entrySchema, 201: entrySchema, ...errors },
} as const;

const entryRouteSchema = { tags: ['Reports'], summary: 'One archived report', params: idParams, response: { 200: entrySchema, ...errors } } as const;

const fileRouteSchema = {
  tags: ['Reports'],
  summary: 'Download an archived report, byte for byte as first generated',
  description: 'The ETag is the SHA-256 of the file, also given as Repr-Digest (RFC 9530).',
  params: idParams,
  response: {
    200: {
      description: 'The file, as archived',
      content: Object.fromEntries(Object.values(contentTypes).map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
    },
    304: { type: 'null', description: 'Not modified' },
    ...errors,
  },
} as const;

interface GenerateBody { period: ReportPeriodKind; calendar: boolean; at: string; scope: string; kind?: ReportKind; view: 'as_was' | 'as_is'; format: ReportFormat }

const withDownload = (entry: ArchiveEntry) => ({ ...entry, download_url: `/api/v1/reports/${entry.id}/file` });

const scheduleRouteSchema = {
  tags: ['Reports'],
  summary: 'Scheduled reports that could not be made, and when they are tried again',
  description: 'The latest failure of each scheduled report the archive does not hold yet, in the caller\'s subtree. What went wrong is in the server\'s log, not here.',
  response: {
    200: {
      type: 'object', required: ['failing'],
      properties: {
        failing: {
          type: 'array',
          items: {
            type: 'object',
            required: ['report_id', 'period_kind', 'calendar', 'period_from', 'period_to', 'scope_code', 'agency_kind', 'view', 'format', 'failures', 'failed_at', 'next_try_at'],
            properties: {
              report_id: { type: 'string' }, period_kind: { type: 'string' }, calendar: { type: 'boolean' },
              period_from: { type: 'string', format: 'date' }, period_to: { type: 'string', format: 'date' },
              scope_code: { type: 'string' }, agency_kind: { type: 'string' }, view: { type: 'string' }, format: { type: 'string' },
              failures: { type: 'integer', minimum: 1 }, failed_at: { type: 'string', format: 'date-time' }, next_try_at: { type: 'string', format: 'date-time' },
            },
          },
        },
      },
    },
    ...errors,
  },
} as const;

/** "person:<subject>" and the like: who the archive says asked. */
const requesterOf = (request: FastifyRequest) => `${request.principal.kind}:${request.principal.id}`;

export default async function reportRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  const notFound = (id: string) => new NotFoundError('report_not_found', `No report ${id} in the archive of your agencies`);

  /** The entry, if it exists and its scope is in the caller's subtree. */
  async function visibleEntry(request: FastifyRequest, id: string): Promise<ArchiveEntry> {
    requireScope(request.principal, 'reports:read');
    const entry = await app.reports.archive.find(id);
    if (!entry) throw notFound(id);
    // Outside the caller's subtree it does not exist for them: no 403 that would confirm the id.
    await app.authorizeAgency(request, entry.scope_code, 'reports:read').catch((error: unknown) => { throw error instanceof AuthError ? notFound(id) : error; });
    return entry;
  }

  app.get<{ Querystring: { period?: string; format?: string; limit: number } }>('/api/v1/reports', { schema: listSchema }, async (request) => {
    requireScope(request.principal, 'reports:read');
    const { period, format, limit } = request.query;
    const reports = await app.reports.archive.list({ root: request.principal.agency, period_kind: period, format, limit });
    return { reports: reports.map(withDownload) };
  });

  app.get('/api/v1/reports/schedule', { schema: scheduleRouteSchema }, async (request) => {
    requireScope(request.principal, 'reports:read');
    return { failing: await failingReports(app.warehouse, request.principal.agency) };
  });

  app.post<{ Body: GenerateBody }>('/api/v1/reports', { schema: generateSchema }, async (request, reply) => {
    const body = request.body;
    await app.authorizeAgency(request, body.scope, 'reports:generate');
    const wanted: GenerateRequest = { period: body.period, calendar: body.calendar, at: body.at, scope: body.scope, kind: body.kind ?? null, view: body.view, format: body.format };
    const { entry, reused } = await app.reports.generate(wanted, { by: requesterOf(request), via: 'api', ...(request.principal.name ? { name: request.principal.name } : {}) }, {
      progress: (line) => request.log.info(line),
    });
    return reply.status(reused ? 200 : 201).header('location', `/api/v1/reports/${entry.id}`).send(withDownload(entry));
  });

  app.get<{ Params: { id: string } }>('/api/v1/reports/:id', { schema: entryRouteSchema }, async (request) => withDownload(await visibleEntry(request, request.params.id)));

  app.get<{ Params: { id: string } }>('/api/v1/reports/:id/file', { schema: fileRouteSchema }, async (request, reply) => {
    const entry = await visibleEntry(request, request.params.id);
    const etag = `"${entry.sha256}"`;
    // An archived file never changes: a client may keep it for good.
    reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable');
    if (request.headers['if-none-match'] === etag) return reply.status(304).send();
    const bytes = await app.reports.archive.file(entry.id);
    if (!bytes) throw notFound(entry.id);
    return reply
      .header('content-type', entry.content_type)
      .header('content-disposition', `attachment; filename="${entry.file_name}"`)
      .header('repr-digest', `sha-256=:${Buffer.from(entry.sha256, 'hex').toString('base64')}:`)
      .send(bytes);
  });
}

// JSON schemas of GET /api/v1/kpis (ioc-api.md): the query it takes and the body it returns.
import { errorBodySchema } from '../../errors.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

export const kpiQuerySchema = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: {
    agency: { type: 'string', minLength: 1, maxLength: 64, description: 'Agency code (mã định danh), e.g. 000.00.00.H26' },
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First day of the period (local date)' },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day of the period, inclusive' },
    scope: { type: 'string', enum: ['self', 'subtree'], default: 'subtree' },
    view: { type: 'string', enum: ['as_was', 'as_is'], default: 'as_was' },
  },
} as const;

export const kpiSummarySchema = {
  type: 'object',
  properties: {
    agency: {
      type: 'object',
      properties: { code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, ended: { type: 'boolean' } },
    },
    scope: { type: 'string' },
    view: { type: 'string' },
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' }, as_of: { type: 'string' } } },
    data_as_of: { type: ['string', 'null'] },
    incoming: {
      type: 'object',
      properties: {
        received: count, returned: count, completed: count,
        completed_on_time: count, completed_late: count, completed_no_deadline: count,
        open_on_time: count, open_overdue: count,
        on_time_rate: nullableNumber, cohort_completion_rate: nullableNumber,
        online_rate: nullableNumber, interconnected_rate: nullableNumber,
        processing_days: { type: 'object', properties: { mean: nullableNumber, median: nullableNumber, p90: nullableNumber } },
      },
    },
    outgoing: {
      type: 'object',
      properties: {
        issued: count, digitally_signed_rate: nullableNumber, electronic_dispatch_rate: nullableNumber,
        drafting_days: { type: 'object', properties: { median: nullableNumber, p90: nullableNumber } },
      },
    },
    work_files: { type: 'object', properties: { opened: count, electronic_rate: nullableNumber } },
    adoption: { type: 'object', properties: { agencies: count, active: count, adoption_rate: nullableNumber } },
    target: { type: 'object', properties: { online_rate: nullableNumber, met: { type: ['boolean', 'null'] } } },
  },
} as const;

export const kpiRouteSchema = {
  summary: 'KPI summary of an agency for a period (fixed contract of the IOC feed)',
  querystring: kpiQuerySchema,
  response: { 200: kpiSummarySchema, 400: errorBodySchema, 404: errorBodySchema, 500: errorBodySchema },
} as const;

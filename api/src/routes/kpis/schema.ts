// JSON schemas of GET /api/v1/kpis (ioc-api.md): the query it takes and the body it returns.
import { errorBodySchema } from '../../errors.js';
import { breakdownRowSets, rankableRates } from '../../kpi/breakdown.js';
import { plannedFigures } from '../../kpi/periods.js';

const nullableNumber = { type: ['number', 'null'] } as const;
const count = { type: 'integer', minimum: 0 } as const;

export const kpiQuerySchema = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: {
    agency: { type: 'string', minLength: 1, maxLength: 64, description: 'Agency code (mã định danh), e.g. 000.00.00.H26', examples: ['000.00.00.H26'] },
    from: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'First day of the period (local date)', examples: ['2023-01-01'] },
    to: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Last day of the period, inclusive', examples: ['2023-03-31'] },
    scope: { type: 'string', enum: ['self', 'subtree'], default: 'subtree' },
    view: { type: 'string', enum: ['as_was', 'as_is'], default: 'as_was' },
    compare: { type: 'boolean', default: false, description: 'Add per_working_day and comparison (the previous period and the same dates a year earlier, kpi.md Comparisons); three summaries instead of one' },
  },
} as const;

export const agencySchema = {
  type: 'object',
  required: ['code', 'name', 'kind', 'ended'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' }, ended: { type: 'boolean' } },
} as const;

export const periodSchema = {
  type: 'object',
  required: ['from', 'to', 'as_of'],
  properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, as_of: { type: 'string', format: 'date' } },
} as const;

const dataAsOfSchema = { type: ['string', 'null'], description: 'Source commit time of the newest change the figures include (+07:00)' } as const;

/** The figures of kpi.md, as the summary, each breakdown row and each series point carry them. */
export const kpiFigures = {
    incoming: {
      type: 'object',
      properties: {
        received: count, returned: count, completed: count,
        completed_on_time: count, completed_late: count, completed_no_deadline: count,
        open_on_time: count, open_overdue: count,
        open_due_soon: { ...count, description: 'Open on time and due within 3 working days at as_of (sắp đến hạn; part of open_on_time)' },
        open_overdue_by_age: {
          type: 'object',
          description: 'open_overdue by working days overdue at as_of, wd(as_of) − wd(due_date); the four add up to open_overdue (a weekend day just after the deadline, 0 working days, counts in 1_5)',
          required: ['1_5', '6_10', '11_20', 'over_20'],
          properties: { '1_5': count, '6_10': count, '11_20': count, over_20: count },
        },
        on_time_rate: nullableNumber, cohort_completion_rate: nullableNumber,
        online_rate: nullableNumber, interconnected_rate: nullableNumber,
        processing_days: { type: 'object', properties: { mean: nullableNumber, median: nullableNumber, p90: nullableNumber } },
        extended: { ...count, description: 'Completed in the period with at least one deadline extension (gia hạn)' },
        extended_after_expiry: { ...count, description: 'Of those, extended at least once after the deadline had passed' },
        on_time_rate_original: { ...nullableNumber, description: 'on_time_rate against the original deadline (before any extension)' },
        stages: {
          type: 'object',
          description: 'Where documents wait (kpi.md), in working days, over the documents completed in the period: delivery (internal deliveries: sent → registered), registered → submitted to the leader (trình), → assigned (giao xử lý), → completed; a missing step takes the next one\'s date',
          required: ['delivery_days', 'to_leader_days', 'to_assign_days', 'handling_days'],
          properties: Object.fromEntries(['delivery_days', 'to_leader_days', 'to_assign_days', 'handling_days'].map((stage) => [stage, {
            type: 'object', required: ['median', 'p90'], properties: { median: nullableNumber, p90: nullableNumber },
          }])),
        },
        timely_transfer_rate: { ...nullableNumber, description: 'Among documents received in the period: submitted to the leader by the next working day, the same day when urgent (Decree 30/2020)' },
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
    targets: {
      type: 'array',
      description: 'Every target of Plan 222/KH-UBND (kpi.md, All targets), in this order: incoming.online_rate, work_files.electronic_rate, adoption.adoption_rate, incoming.interconnected_rate, outgoing.electronic_dispatch_rate',
      items: {
        type: 'object',
        required: ['figure', 'value', 'target', 'met'],
        properties: {
          figure: { type: 'string', enum: [...plannedFigures], description: 'The figure, as its path in this answer' },
          value: nullableNumber,
          target: { ...nullableNumber, description: 'null: the plan sets none for a period ending then' },
          met: { type: ['boolean', 'null'], description: 'value ≥ target; null when either is null' },
        },
      },
    },
} as const;

const workingDaysSchema = { ...count, description: 'Working days in the period (kpi.md, Working days): Monday–Friday but holidays and days off, plus make-up days' } as const;

const perWorkingDaySchema = {
  type: 'object',
  required: ['received', 'returned', 'completed', 'completed_on_time', 'completed_late', 'issued', 'opened'],
  properties: {
    received: nullableNumber, returned: nullableNumber, completed: nullableNumber, completed_on_time: nullableNumber,
    completed_late: nullableNumber, issued: nullableNumber, opened: nullableNumber,
  },
} as const;

const comparedPeriodSchema = {
  type: 'object',
  required: ['period', 'working_days', 'per_working_day', ...Object.keys(kpiFigures)],
  properties: { period: periodSchema, working_days: workingDaysSchema, per_working_day: perWorkingDaySchema, ...kpiFigures },
} as const;

export const kpiSummarySchema = {
  type: 'object',
  required: ['agency', 'scope', 'view', 'period', 'data_as_of', 'working_days', 'incoming', 'outgoing', 'work_files', 'adoption', 'target', 'targets'],
  properties: {
    agency: agencySchema,
    scope: { type: 'string', enum: ['self', 'subtree'] },
    view: { type: 'string', enum: ['as_was', 'as_is'] },
    period: periodSchema,
    data_as_of: dataAsOfSchema,
    working_days: workingDaysSchema,
    ...kpiFigures,
    per_working_day: { ...perWorkingDaySchema, description: 'With compare=true: the counts divided by working_days' },
    comparison: {
      type: 'object',
      description: 'With compare=true (kpi.md, Comparisons). null: the period starts before 2000-01-01',
      required: ['previous', 'last_year'],
      properties: {
        previous: { ...comparedPeriodSchema, type: ['object', 'null'], description: 'The previous statutory or calendar month, quarter, half or year; else the same number of days just before' },
        last_year: { ...comparedPeriodSchema, type: ['object', 'null'], description: 'The same dates one year earlier (29 February as 28 February)' },
      },
    },
  },
} as const;

const figuresObject = { type: 'object', required: Object.keys(kpiFigures), properties: kpiFigures } as const;

const agencyParam = kpiQuerySchema.properties.agency;
const dateParam = kpiQuerySchema.properties.from;

export const breakdownQuerySchema = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: {
    agency: agencyParam,
    from: dateParam,
    to: kpiQuerySchema.properties.to,
    view: kpiQuerySchema.properties.view,
    rank_by: { type: 'string', enum: [...rankableRates], default: 'on_time_rate', description: 'The rate children are ranked by, best first' },
    min_volume: { type: 'integer', minimum: 0, maximum: 1_000_000, default: 30, description: 'Documents the rate must rest on for a child to be ranked' },
    kind: { type: 'string', enum: ['department', 'district', 'commune', 'other'], description: 'Rank every agency of this kind below `agency` (each with its `other` units, never with the agencies of another level: a district without its communes) instead of its children' },
    rows: { type: 'string', enum: [...breakdownRowSets], default: 'children', description: 'children: the agency\'s own register, each child over its subtree, and a remainder; levels: the agency\'s own register and every department, district and commune below it with its units. Either set adds up to /api/v1/kpis (scope=subtree). Ignored with `kind`.' },
  },
} as const;

export const breakdownSchema = {
  type: 'object',
  required: ['agency', 'view', 'period', 'data_as_of', 'rank_by', 'min_volume', 'kind', 'rows', 'children'],
  properties: {
    agency: agencySchema,
    view: { type: 'string', enum: ['as_was', 'as_is'] },
    period: periodSchema,
    data_as_of: dataAsOfSchema,
    rank_by: { type: 'string', enum: [...rankableRates] },
    min_volume: count,
    kind: { type: ['string', 'null'] },
    rows: { type: 'string', enum: [...breakdownRowSets] },
    children: {
      type: 'array',
      items: {
        type: 'object',
        required: ['agency', 'row', 'rank', 'volume', 'value', 'kpis'],
        properties: {
          agency: agencySchema,
          row: { type: 'string', enum: ['own', 'child', 'level', 'rest'], description: 'own: the agency\'s own register; child: a child over its subtree; level: one agency with its `other` units; rest: the agencies of the scope no other row takes (dissolved or merged), named in `holds`, with an empty code' },
          holds: { type: 'array', items: agencySchema, description: 'For the rest row: the agencies it stands for' },
          rank: { type: ['integer', 'null'], description: '1 = best among the rows of the same kind; null below min_volume, without a rate, or for the own and rest rows' },
          volume: count,
          value: nullableNumber,
          kpis: figuresObject,
        },
      },
    },
  },
} as const;

export const backlogQuerySchema = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: { agency: agencyParam, from: dateParam, to: kpiQuerySchema.properties.to, view: kpiQuerySchema.properties.view },
} as const;

export const backlogSchema = {
  type: 'object',
  required: ['agency', 'view', 'period', 'data_as_of', 'children'],
  properties: {
    agency: agencySchema,
    view: { type: 'string', enum: ['as_was', 'as_is'] },
    period: periodSchema,
    data_as_of: dataAsOfSchema,
    children: {
      type: 'array',
      items: {
        type: 'object',
        required: ['agency', 'row', 'open_on_time', 'open_overdue', 'open_due_soon'],
        properties: {
          agency: agencySchema,
          row: { type: 'string', enum: ['own', 'child', 'rest'], description: 'As in the breakdown (rows=children)' },
          holds: { type: 'array', items: agencySchema, description: 'For the rest row: the agencies it stands for' },
          open_on_time: count, open_overdue: count,
          open_due_soon: { ...count, description: 'Part of open_on_time: due within 3 working days at as_of' },
        },
      },
    },
  },
} as const;

export const seriesQuerySchema = {
  type: 'object',
  required: ['agency', 'from', 'to'],
  additionalProperties: false,
  properties: {
    ...kpiQuerySchema.properties,
    interval: { type: 'string', enum: ['day', 'week', 'month'], default: 'month', description: 'ISO weeks run Monday to Sunday; the first and last bucket are cut to the period' },
  },
} as const;

export const seriesSchema = {
  type: 'object',
  required: ['agency', 'scope', 'view', 'interval', 'period', 'data_as_of', 'points'],
  properties: {
    agency: agencySchema,
    scope: { type: 'string', enum: ['self', 'subtree'] },
    view: { type: 'string', enum: ['as_was', 'as_is'] },
    interval: { type: 'string', enum: ['day', 'week', 'month'] },
    period: periodSchema,
    data_as_of: dataAsOfSchema,
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['from', 'to', 'as_of', 'kpis'],
        properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' }, as_of: { type: 'string', format: 'date' }, kpis: figuresObject },
      },
    },
  },
} as const;

/** The error answers every read endpoint may give (ioc-api.md). */
export const errorResponses = {
  304: { type: 'null', description: 'Not modified: the If-None-Match ETag is still current' },
  400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 429: errorBodySchema, 500: errorBodySchema,
} as const;

export const kpiRouteSchema = {
  tags: ['KPI'],
  summary: 'KPI summary of an agency for a period (fixed contract of the IOC feed)',
  querystring: kpiQuerySchema,
  response: { 200: kpiSummarySchema, ...errorResponses },
} as const;

export const breakdownRouteSchema = {
  tags: ['KPI'],
  summary: 'The KPI figures of an agency\'s rows (its own register, its children or its levels), ranked per kind',
  description: 'Every document of the scope counts in exactly one row, so the rows add up to /api/v1/kpis (scope=subtree) for every count. Each child is summarised over its own subtree; a level row is one agency with its `other` units. A row ranks among the rows of its kind only when the ranked rate rests on at least min_volume documents.',
  querystring: breakdownQuerySchema,
  response: { 200: breakdownSchema, ...errorResponses },
} as const;

export const backlogRouteSchema = {
  tags: ['KPI'],
  summary: 'The documents open at the period\'s end in each row of an agency\'s breakdown, most overdue first',
  description: 'The rows of /api/v1/kpis/breakdown (rows=children: the own register, each child over its subtree, the remainder) with only their open documents at as_of, so they add up to the open figures of /api/v1/kpis (scope=subtree). Cheaper than the breakdown: the figures over the period are not read. The remainder is left out when nothing is open in it.',
  querystring: backlogQuerySchema,
  response: { 200: backlogSchema, ...errorResponses },
} as const;

export const seriesRouteSchema = {
  tags: ['KPI'],
  summary: 'The KPI figures of an agency by day, ISO week or month',
  description: 'Each point equals the KPI summary of its own dates. At most 120 points per request.',
  querystring: seriesQuerySchema,
  response: { 200: seriesSchema, ...errorResponses },
} as const;

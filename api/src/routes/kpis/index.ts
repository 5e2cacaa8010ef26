// GET /api/v1/kpis — thin: check what JSON schema cannot (real dates, order), call the KPI module.
import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../../errors.js';
import { kpiSummary, type KpiQuery } from '../../kpi/kpi-summary.js';
import { isCalendarDate } from '../../kpi/periods.js';
import { kpiRouteSchema } from './schema.js';

export function validatePeriod(from: string, to: string): void {
  if (!isCalendarDate(from)) throw new BadRequestError(`"from" is not a real date: ${from} (expected YYYY-MM-DD)`);
  if (!isCalendarDate(to)) throw new BadRequestError(`"to" is not a real date: ${to} (expected YYYY-MM-DD)`);
  if (from > to) throw new BadRequestError(`The period is empty: "from" (${from}) is after "to" (${to})`);
}

export default async function kpiRoutes(app: FastifyInstance): Promise<void> {
  app.get<{ Querystring: KpiQuery }>('/api/v1/kpis', { schema: kpiRouteSchema }, async (request) => {
    const query = request.query;
    validatePeriod(query.from, query.to);
    return kpiSummary(app.warehouse, query, app.today(), `api-${request.id}`);
  });
}

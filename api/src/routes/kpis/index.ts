// The KPI reads: the summary (fixed contract), the breakdown over an agency's children, its open
// backlog per row, and the time series. Thin: check what JSON schema cannot (real dates, order,
// size), authorize, then serve the KPI module's answer through the read cache. Each reads the business
// date once, so a request crossing midnight is checked, computed and tagged on the same day.
import type { FastifyInstance } from 'fastify';
import { BadRequestError } from '../../errors.js';
import { kpiBacklog, kpiBreakdown, type BreakdownQuery } from '../../kpi/breakdown.js';
import { kpiSummary, type KpiQuery } from '../../kpi/kpi-summary.js';
import { comparedSummary } from '../../kpi/comparison.js';
import type { CurrentBuild } from '../../kpi/current-build.js';
import { validatePeriod } from '../../kpi/periods.js';
import { kpiSeries, maxSeriesPoints, seriesBuckets, seriesPointCount, type SeriesQuery } from '../../kpi/series.js';
import { backlogRouteSchema, breakdownRouteSchema, kpiRouteSchema, seriesRouteSchema } from './schema.js';
import { strictIntegers } from '../../http/strict-integers.js';

export default async function kpiRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  app.get<{ Querystring: KpiQuery & { compare?: boolean } }>('/api/v1/kpis', { schema: kpiRouteSchema }, async (request, reply) => {
    const { compare, ...query } = request.query;
    const today = app.today();
    validatePeriod(query.from, query.to, today);
    await app.authorizeAgency(request, query.agency, 'kpi:read');
    // Every period's summary is shared between the plain and the compared answers of the same data.
    const summariesOn = (build: CurrentBuild) => (q: KpiQuery) => app.readCache.shared(`kpis|${q.agency}|${q.from}|${q.to}|${q.scope}|${q.view}`, today, build,
      // The query id (in ClickHouse's query log) names the request's own period only: ids must be unique.
      () => kpiSummary(app.warehouse, q, today, q === query ? `api-${request.id}` : undefined, build));
    const answer = await app.readCache.serve(request, reply, (build) => (compare ? comparedSummary(app.warehouse, query, today, summariesOn(build)) : summariesOn(build)(query)), today);
    return answer ?? reply.send();
  });

  app.get<{ Querystring: BreakdownQuery }>('/api/v1/kpis/breakdown', { schema: breakdownRouteSchema }, async (request, reply) => {
    const query = request.query;
    const today = app.today();
    validatePeriod(query.from, query.to, today);
    await app.authorizeAgency(request, query.agency, 'kpi:read');
    const answer = await app.readCache.serve(request, reply, (build) => kpiBreakdown(app.warehouse, query, today, build), today);
    return answer ?? reply.send();
  });

  app.get<{ Querystring: Pick<BreakdownQuery, 'agency' | 'from' | 'to' | 'view'> }>('/api/v1/kpis/backlog', { schema: backlogRouteSchema }, async (request, reply) => {
    const query = request.query;
    const today = app.today();
    validatePeriod(query.from, query.to, today);
    await app.authorizeAgency(request, query.agency, 'kpi:read');
    const answer = await app.readCache.serve(request, reply, (build) => kpiBacklog(app.warehouse, query, today, build), today);
    return answer ?? reply.send();
  });

  app.get<{ Querystring: SeriesQuery }>('/api/v1/kpis/series', { schema: seriesRouteSchema }, async (request, reply) => {
    const query = request.query;
    const today = app.today();
    validatePeriod(query.from, query.to, today);
    // Counted, not built: the buckets exist only once the count is known to be small.
    const points = seriesPointCount(query.from, query.to, query.interval);
    if (points > maxSeriesPoints) {
      throw new BadRequestError(`The series would have ${points} points (at most ${maxSeriesPoints}): shorten the period or use a coarser interval (week, month)`);
    }
    const buckets = seriesBuckets(query.from, query.to, query.interval);
    await app.authorizeAgency(request, query.agency, 'kpi:read');
    const answer = await app.readCache.serve(request, reply, (build) => kpiSeries(app.warehouse, query, today, buckets, build), today);
    return answer ?? reply.send();
  });
}

export { buildApp, type AppOptions, type PageHandler } from './app.js';
export { kpiSummary, dataAsOf, resolveScope, UnknownAgencyError, type KpiQuery, type KpiSummary } from './kpi/kpi-summary.js';
export { localToday, asOfDate, onlineRateTarget, isCalendarDate } from './kpi/periods.js';
export { nearestRank, rate } from './kpi/quantiles.js';
export { authConfigSchema, loadAuthConfig, demoAuthConfig, apiScopes, type AuthConfig } from './auth/config.js';
export type { Breakdown, BreakdownRow } from './kpi/breakdown.js';
export type { Series, SeriesPoint } from './kpi/series.js';
export type { AgencyTree, AgencyNode } from './agencies/tree.js';
export type { OpenDocuments, OpenDocument } from './documents/open-documents.js';

// The parts of the OpenAPI 3.1 document that are not generated from the route schemas: what the
// API is, and how callers authenticate.
import type { OpenAPIV3_1 } from 'openapi-types';
export const openApiInfo: Partial<OpenAPIV3_1.Document> = {
  openapi: '3.1.0',
  info: {
    title: 'Hà Nội — Thống kê xử lý văn bản (KPI API and IOC feed)',
    version: '1.0.0',
    description: [
      'KPIs of document handling in every agency of Hanoi (definitions: shared/spec/kpi.md), for the city\'s',
      'Intelligent Operations Center and the leaders\' portal. Errors are `{ "error": { "code", "message" } }`.',
      'Every answer carries an ETag derived from `data_as_of`; send it back in If-None-Match to get 304.',
    ].join(' '),
  },
  servers: [{ url: '/' }],
  tags: [
    { name: 'KPI', description: 'Summary, breakdown over children, time series' },
    { name: 'Agencies', description: 'The agency tree and its 2025 reorganisations' },
    { name: 'Documents', description: 'Person-level lists (audited)' },
    { name: 'Reports', description: 'Periodic reports for the Department of Home Affairs (Excel, PDF): generate, archive, download' },
    { name: 'System', description: 'Health, freshness, metrics' },
  ],
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from the city\'s OpenID Connect provider: people (authorization code) or machine clients (client credentials)' },
      apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'For platforms that cannot do OAuth 2.0' },
    },
  },
  security: [{ bearer: [] }, { apiKey: [] }],
};

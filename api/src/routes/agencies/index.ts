// GET /api/v1/agencies — the agency tree at a date (as_was) or today (as_is), with the 2025
// reorganisations. A caller limited to a subtree sees that subtree only.
import type { FastifyInstance } from 'fastify';
import { agencyTree, type AgencyTree } from '../../agencies/tree.js';
import { requireScope } from '../../auth/access.js';
import type { View } from '../../kpi/kpi-summary.js';
import { checkDate } from '../../kpi/periods.js';
import { errorResponses } from '../kpis/schema.js';
import { strictIntegers } from '../../http/strict-integers.js';

const nodeSchema = {
  type: 'object',
  required: ['code', 'name', 'kind', 'admin_unit_code', 'parent_code', 'depth', 'valid_from', 'valid_to', 'predecessors', 'successors', 'absorbed'],
  properties: {
    code: { type: 'string' },
    name: { type: 'string' },
    short_name: { type: ['string', 'null'] },
    kind: { type: 'string' },
    admin_unit_code: { type: ['string', 'null'], description: 'Official administrative-unit code (districts, communes), as in the map outlines' },
    parent_code: { type: ['string', 'null'] },
    depth: { type: 'integer', minimum: 0, description: '0 for a root; the list is in tree order (each node after its parent)' },
    valid_from: { type: 'string', format: 'date' },
    valid_to: { type: ['string', 'null'], format: 'date', description: 'Last day it existed; null while it exists' },
    predecessors: { type: 'array', items: { type: 'string' }, description: 'Agencies it was formed from' },
    successors: { type: 'array', items: { type: 'string' }, description: 'Agencies it was merged into' },
    absorbed: { type: 'array', items: { type: 'string' }, description: 'Ended agencies whose documents count for it in as_is' },
  },
} as const;

const schema = {
  tags: ['Agencies'],
  summary: 'The agency tree at a date, with succession',
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'as_was: the day whose structure to show; default today' },
      view: { type: 'string', enum: ['as_was', 'as_is'], default: 'as_was', description: 'as_is: today\'s structure, against which as_is figures count' },
    },
  },
  response: {
    200: { type: 'object', required: ['date', 'view', 'agencies'], properties: { date: { type: 'string', format: 'date' }, view: { type: 'string' }, agencies: { type: 'array', items: nodeSchema } } },
    ...errorResponses,
  },
} as const;

/** The nodes inside `root`'s subtree (the list is in tree order, so one pass suffices). */
function subtreeOf(tree: AgencyTree, root: string): AgencyTree {
  const inside = new Set<string>([root]);
  const agencies = tree.agencies.filter((node) => {
    if (node.code === root || (node.parent_code !== null && inside.has(node.parent_code))) {
      inside.add(node.code);
      return true;
    }
    return false;
  });
  return { ...tree, agencies };
}

export default async function agencyRoutes(app: FastifyInstance): Promise<void> {
  strictIntegers(app);
  app.get<{ Querystring: { date?: string; view: View } }>('/api/v1/agencies', { schema }, async (request, reply) => {
    const today = app.today();
    const date = checkDate('date', request.query.date ?? today);
    requireScope(request.principal, 'agencies:read');
    const tree = await app.readCache.serve(request, reply, () => agencyTree(app.warehouse, request.query.view, date, today), today);
    if (!tree) return reply.send();
    return request.principal.agency === null ? tree : subtreeOf(tree, request.principal.agency);
  });
}

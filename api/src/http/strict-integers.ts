// Integer parameters written as integers, or a 400. Ajv's type coercion (coerceTypes) turns the
// query text "Infinity", "-Infinity" or "1e309" into ±Infinity, which passes `type: integer` and
// skips `minimum`/`maximum` (both are only checked on finite numbers), and it reads "1e3", "0x10"
// or " 5" as numbers too. This hook looks at the raw value of every property a route's schema
// declares `integer`, before Ajv coerces it, so no route can forget one: decimal digits only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadRequestError } from '../request-errors.js';

const decimalInteger = /^-?\d{1,15}$/;

interface ObjectSchema { properties?: Record<string, { type?: string | string[] }> }

const integerProperties = (schema: unknown): string[] => Object.entries((schema as ObjectSchema | undefined)?.properties ?? {})
  .filter(([, property]) => property.type === 'integer' || (Array.isArray(property.type) && property.type.includes('integer')))
  .map(([name]) => name);

function check(part: string, values: unknown, names: string[]): void {
  if (!values || typeof values !== 'object') return;
  for (const name of names) {
    const value = (values as Record<string, unknown>)[name];
    if (value === undefined || value === null) continue;
    for (const one of Array.isArray(value) ? value : [value]) {
      const fine = typeof one === 'number' ? Number.isSafeInteger(one) : typeof one === 'string' && decimalInteger.test(one);
      if (!fine) throw new BadRequestError(`Invalid ${part}: ${name} must be an integer written in decimal digits (got ${JSON.stringify(String(one)).slice(0, 40)})`);
    }
  }
}

/** Adds the check to every route of `app` (a route plugin's own scope). */
export function strictIntegers(app: FastifyInstance): void {
  const byRoute = new WeakMap<object, { query: string[]; params: string[]; body: string[] }>();
  app.addHook('preValidation', async (request: FastifyRequest) => {
    const schema = request.routeOptions.schema;
    if (!schema) return;
    let names = byRoute.get(schema);
    if (!names) {
      names = { query: integerProperties(schema.querystring), params: integerProperties(schema.params), body: integerProperties(schema.body) };
      byRoute.set(schema, names);
    }
    check('query', request.query, names.query);
    check('path', request.params, names.params);
    check('request body', request.body, names.body);
  });
}

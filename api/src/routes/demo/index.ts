// POST /api/demo/sign-in — only in the demo that `npm start` runs: the seeded accounts (password
// "demo") get a bearer token for person-level reads. Production has no such route; people sign in
// with the city's OpenID Connect provider there.
import type { FastifyInstance } from 'fastify';
import { AuthError } from '../../auth/principal.js';
import { DemoSignIn, demoAccounts } from '../../auth/demo-sign-in.js';
import { errorResponses } from '../kpis/schema.js';

const schema = {
  tags: ['Demo'],
  summary: 'Demo only: sign in with a seeded account (lanhdao, sonoivu, vanthuxa; password "demo")',
  security: [],
  body: {
    type: 'object',
    required: ['username', 'password'],
    additionalProperties: false,
    properties: {
      username: { type: 'string', enum: demoAccounts.map((a) => a.username) },
      password: { type: 'string', minLength: 1, maxLength: 200 },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['access_token', 'token_type', 'expires_in', 'name', 'agency'],
      properties: {
        access_token: { type: 'string' },
        token_type: { type: 'string', enum: ['Bearer'] },
        expires_in: { type: 'integer' },
        name: { type: 'string' },
        agency: { type: ['string', 'null'], description: 'The agency whose subtree the account reads; null = every agency' },
      },
    },
    ...errorResponses,
  },
} as const;

export default async function demoRoutes(app: FastifyInstance, options: { demo: DemoSignIn }): Promise<void> {
  app.post<{ Body: { username: string; password: string } }>('/api/demo/sign-in', { schema }, async (request) => {
    const signedIn = await options.demo.signIn(request.body.username, request.body.password);
    if (!signedIn) throw new AuthError(401, 'Wrong account name or password (demo accounts: lanhdao, sonoivu, vanthuxa; password "demo")');
    return { access_token: signedIn.token, token_type: 'Bearer' as const, expires_in: DemoSignIn.tokenSeconds, name: signedIn.account.name, agency: signedIn.agency };
  });
}

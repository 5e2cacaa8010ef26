// The demo's seeded sign-in (npm start only): a few accounts with a known password, so person-level
// data can be shown without an identity provider while staying behind a sign-in. Tokens are signed
// with a key made at start (HS256) and expire; production never registers this (it uses OIDC).
import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { queryRows, readSql, type Warehouse } from '@vanban/common';

export const demoIssuer = 'vanban-demo';
export const demoPassword = 'demo';
const tokenSeconds = 8 * 3600;

export interface DemoAccount {
  username: string;
  name: string;
  /** null: reads every agency (city leaders, Home Affairs); 'first-commune': a commune of today's tree. */
  agency: null | 'first-commune';
  roles: string[];
}

export const demoAccounts: DemoAccount[] = [
  { username: 'lanhdao', name: 'Lãnh đạo UBND Thành phố', agency: null, roles: ['city_leader'] },
  { username: 'sonoivu', name: 'Sở Nội vụ', agency: null, roles: ['home_affairs'] },
  { username: 'vanthuxa', name: 'Văn thư xã', agency: 'first-commune', roles: [] },
];

const firstCommuneSql = readSql(new URL('./first_commune.sql', import.meta.url));

export class DemoSignIn {
  private readonly key = randomBytes(32);

  constructor(private readonly client: Warehouse) {}

  /** A bearer token for a seeded account, or null for a wrong name or password. */
  async signIn(username: string, password: string): Promise<{ token: string; account: DemoAccount; agency: string | null } | null> {
    const account = demoAccounts.find((a) => a.username === username);
    if (!account || password !== demoPassword) return null;
    const agency = account.agency === null ? null : ((await queryRows<{ code: string }>(this.client, firstCommuneSql))[0]?.code ?? null);
    const token = await new SignJWT({ name: account.name, roles: account.roles, ...(agency ? { agency_code: agency } : {}) })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(demoIssuer)
      .setSubject(account.username)
      .setIssuedAt()
      .setExpirationTime(`${tokenSeconds}s`)
      .sign(this.key);
    return { token, account, agency };
  }

  /** The claims of a token this demo signed; throws for anything else. */
  async verify(token: string): Promise<JWTPayload> {
    return (await jwtVerify(token, this.key, { issuer: demoIssuer })).payload;
  }

  static readonly tokenSeconds = tokenSeconds;
}

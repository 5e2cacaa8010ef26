// Server-side authorization: every endpoint names the scope it needs and the agency it reads, and
// the caller must hold the scope and have that agency in their subtree (a commune its own commune,
// a district its communes as they were before 2025-07-01, city leaders and Home Affairs everything).
import { queryRows, readSql, type Warehouse } from '@vanban/common';
import type { ApiScope } from './config.js';
import { AuthError, type Principal } from './principal.js';
import { TtlCache } from './ttl-cache.js';

const inSubtreeSql = readSql(new URL('./in_subtree.sql', import.meta.url));

export function requireScope(principal: Principal, scope: ApiScope): void {
  if (principal.scopes.has(scope)) return;
  if (principal.kind === 'anonymous') throw new AuthError(401, `Sign in to read this (it needs the "${scope}" permission)`);
  throw new AuthError(403, `Your credentials do not grant "${scope}"`);
}

export class AgencyAccess {
  /** Answers for a minute, bounded: a caller asking for ever new codes (garbage ones too) cannot grow it without end. */
  private readonly cache = new TtlCache<boolean>(10_000);

  constructor(private readonly client: Warehouse) {}

  /** Whether `code` is in the subtree of `root`; unknown codes are outside (no existence leak). */
  async inSubtree(root: string, code: string): Promise<boolean> {
    if (root === code) return true;
    const key = `${root}>${code}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const [row] = await queryRows<{ inside: boolean | number }>(this.client, inSubtreeSql, { root, code });
    const inside = Boolean(row?.inside);
    this.cache.set(key, inside, 60_000);
    return inside;
  }

  async authorize(principal: Principal, code: string, scope: ApiScope): Promise<void> {
    requireScope(principal, scope);
    if (principal.agency === null) return;
    if (!(await this.inSubtree(principal.agency, code))) {
      throw new AuthError(403, `Your access covers ${principal.agency} and the agencies under it, not ${code}`);
    }
  }
}

export interface AuditEntry { requestId: string; principal: Principal; action: string; agency: string; query: string; records: number }

/** Written before the answer leaves: a read that cannot be audited is not served. */
export async function audit(client: Warehouse, entry: AuditEntry): Promise<void> {
  await client.insert({
    table: 'vanban_audit.access_log',
    values: [{
      request_id: entry.requestId,
      principal_kind: entry.principal.kind,
      principal_id: entry.principal.id,
      action: entry.action,
      agency: entry.agency,
      query: entry.query,
      records: entry.records,
    }],
    format: 'JSONEachRow',
  });
}

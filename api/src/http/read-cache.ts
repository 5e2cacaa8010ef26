// Answers keyed by the data they were computed from. The models change only when a build lands
// (data_as_of moves), so a request's ETag is a hash of data_as_of and its URL: a client holding the
// current answer gets 304 without any query, identical answers are kept for the next caller, and
// identical requests arriving together share one computation.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Warehouse } from '@vanban/common';
import { dataAsOf } from '../kpi/kpi-summary.js';

export interface ReadCacheOptions {
  /** Answers kept; the oldest go first. */
  entries?: number;
  /** How long one look-up of data_as_of serves requests; builds land every second or so at most. */
  asOfTtlMs?: number;
}

export class ReadCache {
  private readonly answers = new Map<string, unknown>();
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private asOf: { value: string | null; until: number; pending?: Promise<string | null> } = { value: null, until: 0 };
  readonly stats = { hits: 0, misses: 0, notModified: 0, coalesced: 0 };

  constructor(private readonly client: Warehouse, private readonly options: ReadCacheOptions = {}) {}

  private async currentAsOf(): Promise<string | null> {
    if (this.asOf.until > Date.now()) return this.asOf.value;
    this.asOf.pending ??= dataAsOf(this.client).then((value) => {
      this.asOf = { value, until: Date.now() + (this.options.asOfTtlMs ?? 500) };
      return value;
    }).finally(() => { this.asOf.pending = undefined; });
    return this.asOf.pending;
  }

  /** Serves `compute()` for this request through the cache; the caller has already authorized it. */
  async serve<T>(request: FastifyRequest, reply: FastifyReply, compute: () => Promise<T>): Promise<T | undefined> {
    const asOf = await this.currentAsOf();
    const etag = `"${createHash('sha1').update(`${asOf ?? 'none'}|${request.url}`).digest('base64url')}"`;
    reply.header('etag', etag);
    // Revalidate every time (answers change within seconds); 304 makes that cheap.
    reply.header('cache-control', 'private, no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`)) {
      this.stats.notModified++;
      reply.code(304);
      return undefined;
    }
    if (this.answers.has(etag)) {
      this.stats.hits++;
      return this.answers.get(etag) as T;
    }
    const running = this.inFlight.get(etag);
    if (running) {
      this.stats.coalesced++;
      return running as Promise<T>;
    }
    this.stats.misses++;
    const computing = compute().then((answer) => {
      this.answers.set(etag, answer);
      if (this.answers.size > (this.options.entries ?? 1000)) this.answers.delete(this.answers.keys().next().value!);
      return answer;
    }).finally(() => this.inFlight.delete(etag));
    this.inFlight.set(etag, computing);
    return computing;
  }
}

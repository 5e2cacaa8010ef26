// Answers keyed by what they were computed from: the models (they change only when a build lands:
// its id, and data_as_of when it brought new data; a build that only loads a new calendar moves the
// id alone), the business date and the URL. The date belongs to the key because every
// answer depends on it without any change of data: A = min(to, today) moves at midnight (documents
// due yesterday become overdue, `period.as_of` moves), and in as_is successions and ended agencies
// are judged on today. So a request's ETag is a hash of the build, today and its URL: a client
// holding the current answer gets 304 without any query, identical answers are kept for the next
// caller, and identical requests arriving together share one computation.
// The answers kept are bounded by their approximate size (their JSON's length), not their number: a
// breakdown of every commune weighs a thousand summaries. And what is not in the cache is computed
// through a gate (ComputeGate): a few computations at a time for everyone, fewer for one caller,
// the next slot to the caller with the least running. Distinct URLs defeat any cache, so this is
// what keeps one caller's burst of daily series (each a hundred summaries) from holding both cores
// while everyone else waits: their requests queue behind each other, not in front of the others',
// and past a bounded queue they are told to come back (429 for the caller, 503 for the server,
// both with Retry-After) instead of piling up memory.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Warehouse } from '@vanban/common';
import { RecentBuild, type CurrentBuild } from '../kpi/current-build.js';
import { localToday } from '../kpi/periods.js';
import { BusyError } from '../request-errors.js';

export interface ReadCacheOptions {
  /** Answers kept at most; the oldest go first. */
  entries?: number;
  /** Approximate bytes (JSON length) of the answers kept; the oldest go first. Default 64 MiB. */
  maxBytes?: number;
  /** How long one look-up of data_as_of serves requests; builds land every second or so at most. */
  asOfTtlMs?: number;
  gate?: ComputeGateOptions;
}

export const readCacheDefaults = { entries: 1000, maxBytes: 64 * 1024 * 1024, asOfTtlMs: 500 } as const;

export interface ComputeGateOptions {
  /** Computations running at once, every caller together (default 4: two cores, queries wait on I/O too). */
  running?: number;
  /** Computations running at once for one caller (default 2). */
  runningPerCaller?: number;
  /** Computations waiting, every caller together, before 503 (default 128). */
  waiting?: number;
  /** Computations waiting for one caller before 429 (default 32). */
  waitingPerCaller?: number;
}

interface Waiter { caller: string; start: () => void }

/** A fair semaphore over callers: see the file's comment. */
export class ComputeGate {
  private readonly limits: Required<ComputeGateOptions>;
  private readonly runningBy = new Map<string, number>();
  private readonly waitingBy = new Map<string, number>();
  private readonly queue: Waiter[] = [];
  private running = 0;

  constructor(options: ComputeGateOptions = {}) {
    this.limits = { running: 4, runningPerCaller: 2, waiting: 128, waitingPerCaller: 32, ...options };
  }

  async run<T>(caller: string, task: () => Promise<T>): Promise<T> {
    if (this.startable(caller)) {
      this.take(caller);
    } else {
      if ((this.waitingBy.get(caller) ?? 0) >= this.limits.waitingPerCaller) {
        throw new BusyError(`Too many of your requests are being computed or waiting (${this.limits.runningPerCaller + this.limits.waitingPerCaller}); retry in a few seconds`, 429, 5);
      }
      if (this.queue.length >= this.limits.waiting) throw new BusyError('The server is computing as much as it can; retry in a few seconds', 503, 5);
      bump(this.waitingBy, caller, 1);
      // next() takes the slot for us before it wakes us: no second release can hand it out again.
      await new Promise<void>((start) => this.queue.push({ caller, start }));
      bump(this.waitingBy, caller, -1);
    }
    try {
      return await task();
    } finally {
      this.running--;
      bump(this.runningBy, caller, -1);
      this.next();
    }
  }

  private startable(caller: string): boolean {
    return this.running < this.limits.running && (this.runningBy.get(caller) ?? 0) < this.limits.runningPerCaller;
  }

  private take(caller: string): void {
    this.running++;
    bump(this.runningBy, caller, 1);
  }

  /** Starts waiters while slots are free: the caller with the least running first (the oldest among equals). */
  private next(): void {
    while (this.running < this.limits.running) {
      let best = -1;
      let bestRunning = Infinity;
      for (let i = 0; i < this.queue.length; i++) {
        const mine = this.runningBy.get(this.queue[i]!.caller) ?? 0;
        if (mine < this.limits.runningPerCaller && mine < bestRunning) { best = i; bestRunning = mine; }
      }
      if (best < 0) return;
      const [waiter] = this.queue.splice(best, 1);
      this.take(waiter!.caller);
      waiter!.start();
    }
  }
}

function bump(counts: Map<string, number>, key: string, by: number): void {
  const value = (counts.get(key) ?? 0) + by;
  if (value === 0) counts.delete(key);
  else counts.set(key, value);
}

/** The app's business date (its injected clock); the local date where no app is attached. */
function businessDate(request: FastifyRequest): string {
  const server = request.server as FastifyRequest['server'] | undefined;
  return typeof server?.today === 'function' ? server.today() : localToday();
}

/** What an answer was computed from in the models: the build's data_as_of and its id. */
const buildKey = (build: CurrentBuild) => `${build.dataAsOf ?? 'none'}|${build.buildId ?? 'none'}`;

/** Who asks: the principal, or for anonymous callers their address. */
function callerOf(request: FastifyRequest): string {
  const principal = request.principal as FastifyRequest['principal'] | null;
  return principal && principal.kind !== 'anonymous' ? `${principal.kind}:${principal.id}` : `ip:${request.ip}`;
}

export class ReadCache {
  private readonly answers = new Map<string, { answer: unknown; bytes: number }>();
  private bytes = 0;
  readonly gate: ComputeGate;
  private readonly inFlight = new Map<string, Promise<unknown>>();
  private readonly recentBuild: RecentBuild;
  readonly stats = { hits: 0, misses: 0, notModified: 0, coalesced: 0, shared: 0 };

  constructor(client: Warehouse, private readonly options: ReadCacheOptions = {}) {
    this.gate = new ComputeGate(options.gate);
    this.recentBuild = new RecentBuild(client, options.asOfTtlMs ?? readCacheDefaults.asOfTtlMs);
  }

  /** Approximate bytes of the answers kept. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.answers.size, bytes: this.bytes };
  }

  /**
   * Serves `compute()` for this request through the cache; the caller has already authorized it.
   * `today` is the business date the computation uses (default: the app's `today()`). `compute` is
   * given the build that tags the answer: a computation that takes its structure and calendar from
   * it (instead of looking the build up again) answers for the build its ETag names.
   */
  async serve<T>(request: FastifyRequest, reply: FastifyReply, compute: (build: CurrentBuild) => Promise<T>, today: string = businessDate(request)): Promise<T | undefined> {
    // The build of this moment, looked up at most every asOfTtlMs: it tags the answer.
    const build = await this.recentBuild.get();
    const etag = `"${createHash('sha1').update(`${buildKey(build)}|${today}|${request.url}`).digest('base64url')}"`;
    reply.header('etag', etag);
    // Revalidate every time (answers change within seconds); 304 makes that cheap.
    reply.header('cache-control', 'private, no-cache');
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === `W/${etag}`)) {
      this.stats.notModified++;
      reply.code(304);
      return undefined;
    }
    return this.once(etag, () => this.gate.run(callerOf(request), () => compute(build)), (how) => {
      this.stats[how === 'kept' ? 'hits' : how === 'joined' ? 'coalesced' : 'misses']++;
    });
  }

  /**
   * A computation that is never kept (a person-level read, audited each time with what it returned)
   * still takes a slot of the gate, so one person's burst of letters or lists waits behind itself,
   * or is refused past the gate's queues (429, or 503 when everyone's is full), instead of holding
   * everyone else's requests and the warehouse's connections.
   */
  gated<T>(request: FastifyRequest, compute: () => Promise<T>): Promise<T> {
    return this.gate.run(callerOf(request), compute);
  }

  /**
   * One part of several answers, computed once while the data and the date stay the same: the
   * compared summary reuses the plain summary of the same query (the portal's first screen asks for
   * that one first) and of its comparison periods. Runs inside the computation that needs it, so it
   * takes no slot of the gate; kept beside the answers, under a key no URL can have. `build`: the one
   * the answer needing it is computed for (serve's).
   */
  shared<T>(key: string, today: string, build: CurrentBuild, compute: () => Promise<T>): Promise<T> {
    const id = `shared|${buildKey(build)}|${today}|${key}`;
    return this.once(id, compute, (how) => { if (how !== 'started') this.stats.shared++; });
  }

  /** The answer kept under `id`, else the computation of it under way, else `start()`'s, kept once done. */
  private once<T>(id: string, start: () => Promise<T>, counted: (how: 'kept' | 'joined' | 'started') => void): Promise<T> {
    const kept = this.answers.get(id);
    if (kept) {
      counted('kept');
      return Promise.resolve(kept.answer as T);
    }
    const running = this.inFlight.get(id);
    if (running) {
      counted('joined');
      return running as Promise<T>;
    }
    counted('started');
    const computing = start().then((answer) => {
      this.keep(id, answer);
      return answer;
    }).finally(() => this.inFlight.delete(id));
    this.inFlight.set(id, computing);
    return computing;
  }

  private keep(etag: string, answer: unknown): void {
    // UTF-16 length of the JSON: close to the bytes it holds as strings and numbers, cheap to get.
    const bytes = JSON.stringify(answer)?.length ?? 0;
    const maxBytes = this.options.maxBytes ?? readCacheDefaults.maxBytes;
    if (bytes > maxBytes / 4) return; // one answer must not empty the cache
    this.answers.set(etag, { answer, bytes });
    this.bytes += bytes;
    const maxEntries = this.options.entries ?? readCacheDefaults.entries;
    for (const [oldest, entry] of this.answers) {
      if (this.bytes <= maxBytes && this.answers.size <= maxEntries) break;
      this.answers.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}

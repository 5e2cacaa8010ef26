// Limits what one address may try without valid credentials: every request that ends in 401 (no
// credentials, a wrong key, a garbage or revoked token) counts, and once an address has used its
// allowance for the minute it gets 429 before its credentials are even looked at, so guessing
// costs neither the identity provider (introspection) nor the server. One exception (app.ts): a
// token signed by the provider, checked against its published keys, cannot have been guessed, and
// still goes through, so others' failures at a shared address do not lock its holder out.
import { TtlCache } from './ttl-cache.js';

const windowMs = 60_000;

export class AddressLimiter {
  private readonly counts = new TtlCache<{ count: number }>(100_000);

  constructor(private readonly perMinute: number) {}

  /** Seconds until the address may try again, or 0 when it still may. */
  retryAfter(address: string, now = Date.now()): number {
    const entry = this.counts.get(address, now);
    if (!entry || entry.count < this.perMinute) return 0;
    return Math.max(1, Math.ceil(((this.counts.expiry(address, now) ?? now) - now) / 1000));
  }

  recordFailure(address: string, now = Date.now()): void {
    const entry = this.counts.get(address, now);
    if (entry) entry.count++;
    else this.counts.set(address, { count: 1 }, windowMs, now);
  }

  get limit(): number {
    return this.perMinute;
  }
}

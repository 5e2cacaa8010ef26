// A small in-memory map whose entries expire, bounded in count so a flood of distinct keys (garbage
// tokens, spoofed addresses) cannot grow it without end: when full, expired entries go first, then
// the oldest.
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();

  constructor(private readonly maxEntries: number) {}

  get(key: string, now = Date.now()): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  /** The entry's expiry (ms since the epoch), if it is still there. */
  expiry(key: string, now = Date.now()): number | undefined {
    const entry = this.entries.get(key);
    return entry && entry.until > now ? entry.until : undefined;
  }

  set(key: string, value: V, ttlMs: number, now = Date.now()): void {
    if (ttlMs <= 0) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.evict(now);
    this.entries.set(key, { value, until: now + ttlMs });
  }

  private evict(now: number): void {
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    // Map keeps insertion order: the first keys are the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}

import { LRUCache } from 'lru-cache';

/** How much a cache may hold and for how long. */
export interface CacheBounds {
  /** At most this many entries: the least recently used goes first. Every cache has one. */
  max: number;
  /** How long an entry is good for after it was set; without it, until it is pushed out. */
  ttlMs?: number;
  /** The time in milliseconds the time-to-live is measured with; the domain's Clock, so tests can move it. */
  now?: () => number;
}

/**
 * Every in-memory cache in GuestPass is one of these: lru-cache, bounded in size and, where answers age, in time.
 * `ttlResolution: 0` reads the clock on every look-up, so an entry is stale the moment a (moved) clock says so.
 */
export function boundedCache<K extends {}, V extends {}>(bounds: CacheBounds): LRUCache<K, V> {
  return new LRUCache<K, V>({
    max: bounds.max,
    ...(bounds.ttlMs !== undefined ? { ttl: bounds.ttlMs, ttlResolution: 0 } : {}),
    // lru-cache reads a start time of 0 as "none" (never stale), and a clock may start at 0: count from 1.
    ...(bounds.now ? { perf: { now: () => bounds.now!() + 1 } } : {}),
  });
}

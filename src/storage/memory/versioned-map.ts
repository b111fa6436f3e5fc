import { AlreadyExistsError, ConcurrencyError, Versioned } from '../../invitation/request-repository';

interface Entry<T> {
  value: T;
  etag: string;
}

/**
 * Keyed values with optimistic concurrency, shared by the in-memory request repository and state store.
 * Values are deep-copied on the way in and out so a caller holding a returned object cannot change what is
 * stored (the durable stores get that for free by serializing). Etags come from one counter, so every write
 * yields an etag never seen before for that key.
 */
export class VersionedMap<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private lastVersion = 0;

  get(key: string): Versioned<T> | undefined {
    const entry = this.entries.get(key);
    return entry && copyOut(entry);
  }

  /** The stored entry itself, not a copy: for a caller that only reads it (it must not change it). */
  peek(key: string): Readonly<Versioned<Readonly<T>>> | undefined {
    return this.entries.get(key);
  }

  create(key: string, value: T): Versioned<T> {
    if (this.entries.has(key)) throw new AlreadyExistsError(key);
    return this.store(key, value);
  }

  /** Replaces the value if `etag` is current; a missing key cannot match any etag. */
  replace(key: string, value: T, etag: string): Versioned<T> {
    if (this.entries.get(key)?.etag !== etag) throw new ConcurrencyError(key);
    return this.store(key, value);
  }

  /** Removes the key, whatever its version. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /**
   * The values `keep` accepts, in insertion order. `keep` sees the stored value itself (it must not change it),
   * so only matches are copied: listing a few of many stays cheap.
   */
  filter(keep: (value: Readonly<T>) => boolean): Versioned<T>[] {
    const matches: Versioned<T>[] = [];
    for (const entry of this.entries.values()) if (keep(entry.value)) matches.push(copyOut(entry));
    return matches;
  }

  private store(key: string, value: T): Versioned<T> {
    // Map.set keeps the original insertion position on replace, so `filter()` stays in creation order.
    const entry = { value: structuredClone(value), etag: String(++this.lastVersion) };
    this.entries.set(key, entry);
    return copyOut(entry);
  }
}

function copyOut<T>(entry: Entry<T>): Versioned<T> {
  return { value: structuredClone(entry.value), etag: entry.etag };
}

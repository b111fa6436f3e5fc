import { Versioned } from '../../invitation/request-repository';
import { StateWriteOptions } from '../../invitation/versioned-state';
import { keepUntilMs } from '../keep-until';
import { StateStore } from '../store';
import { VersionedMap } from './versioned-map';

export class MemoryStateStore implements StateStore {
  // Values of any shape live side by side; `get<T>` trusts the caller to ask for the type it stored.
  private readonly values = new VersionedMap<unknown>();
  /** Epoch milliseconds after which each key may be pruned, for the keys whose last write gave one. */
  private readonly keepUntil = new Map<string, number>();

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.values.get(key) as Versioned<T> | undefined;
  }

  async put<T>(key: string, value: T, etag?: string, options: StateWriteOptions = {}): Promise<Versioned<T>> {
    const until = keepUntilMs(options);
    const stored = etag === undefined ? this.values.create(key, value) : this.values.replace(key, value, etag);
    if (until === undefined) this.keepUntil.delete(key);
    else this.keepUntil.set(key, until);
    return stored as Versioned<T>;
  }

  async prune(now: Date, limit: number): Promise<number> {
    const due = [...this.keepUntil].filter(([, until]) => until < now.getTime()).sort((a, b) => a[1] - b[1]);
    const pruned = due.slice(0, Math.max(0, limit));
    for (const [key] of pruned) {
      this.values.delete(key);
      this.keepUntil.delete(key);
    }
    return pruned.length;
  }
}

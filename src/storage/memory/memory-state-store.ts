import { Versioned } from '../../invitation/request-repository';
import { StateStore } from '../store';
import { VersionedMap } from './versioned-map';

export class MemoryStateStore implements StateStore {
  // Values of any shape live side by side; `get<T>` trusts the caller to ask for the type it stored.
  private readonly values = new VersionedMap<unknown>();

  async get<T>(key: string): Promise<Versioned<T> | undefined> {
    return this.values.get(key) as Versioned<T> | undefined;
  }

  async put<T>(key: string, value: T, etag?: string): Promise<Versioned<T>> {
    const stored = etag === undefined ? this.values.create(key, value) : this.values.replace(key, value, etag);
    return stored as Versioned<T>;
  }
}

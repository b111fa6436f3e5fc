import { LeaseStore } from '../store';

interface Lease {
  owner: string;
  expiresAtMs: number;
}

/** Leases for one process; only useful to exercise job code, since another process cannot see them. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Lease>();

  async tryAcquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean> {
    const current = this.leases.get(name);
    const nowMs = now.getTime();
    if (current && current.owner !== owner && current.expiresAtMs > nowMs) return false;
    this.leases.set(name, { owner, expiresAtMs: nowMs + ttlMs });
    return true;
  }

  async release(name: string, owner: string): Promise<void> {
    if (this.leases.get(name)?.owner === owner) this.leases.delete(name);
  }
}

import { addressKey } from '../../invitation/email-address';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { GovernedGuestStore } from '../../invitation/lifecycle/governed-guest-store';
import { ConcurrencyError, Versioned } from '../../invitation/request-repository';
import { compareDue, compareKeys, GuestIndexFacts, guestIndexFacts, guestKey, preferredByAddress, wantedCount } from '../governed-guests';
import { VersionedMap } from './versioned-map';

/**
 * Governed guests in a map, with the same indexes the durable stores keep (due instant, sponsor, no sponsor,
 * address), updated in the same synchronous step as the guest, so no other call sees one without the other.
 */
export class MemoryGovernedGuests implements GovernedGuestStore {
  private readonly guests = new VersionedMap<GovernedGuest>();
  private readonly facts = new Map<string, GuestIndexFacts>();
  /** Due guests, earliest first (see compareDue). */
  private readonly due: { dueMs: number; key: string }[] = [];
  private readonly bySponsor = new Map<string, Set<string>>();
  private readonly withoutSponsor = new Set<string>();
  private readonly byAddress = new Map<string, Set<string>>();

  async create(guest: GovernedGuest): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const created = this.guests.create(facts.key, guest);
    this.index(facts);
    return created;
  }

  async get(userId: string): Promise<Versioned<GovernedGuest> | undefined> {
    return this.guests.get(guestKey(userId));
  }

  async update(guest: GovernedGuest, etag: string): Promise<Versioned<GovernedGuest>> {
    const facts = guestIndexFacts(guest);
    const before = this.facts.get(facts.key);
    if (!before) throw new ConcurrencyError(facts.key);
    const updated = this.guests.replace(facts.key, guest, etag);
    this.unindex(before);
    this.index(facts);
    return updated;
  }

  async listDue(now: Date, limit: number): Promise<Versioned<GovernedGuest>[]> {
    const nowMs = now.getTime();
    const wanted = wantedCount(limit);
    const found: Versioned<GovernedGuest>[] = [];
    for (const entry of this.due) {
      if (found.length >= wanted || entry.dueMs > nowMs) break;
      found.push(this.guests.get(entry.key)!);
    }
    return found;
  }

  async listBySponsor(sponsorId: string, limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.read(this.bySponsor.get(guestKey(sponsorId)), limit);
  }

  async listWithoutSponsor(limit: number): Promise<Versioned<GovernedGuest>[]> {
    return this.read(this.withoutSponsor, limit);
  }

  async listAll(limit: number, after?: string): Promise<Versioned<GovernedGuest>[]> {
    const from = after === undefined ? undefined : guestKey(after);
    const keys = [...this.facts.keys()].filter((key) => from === undefined || key > from);
    return this.read(keys, limit);
  }

  async findByAddress(address: string): Promise<Versioned<GovernedGuest> | undefined> {
    return preferredByAddress(this.read(this.byAddress.get(addressKey(address)), Number.MAX_SAFE_INTEGER));
  }

  /** The guests under `keys`, in key order, at most `limit`. */
  private read(keys: Iterable<string> | undefined, limit: number): Versioned<GovernedGuest>[] {
    return [...(keys ?? [])]
      .sort(compareKeys)
      .slice(0, wantedCount(limit))
      .map((key) => this.guests.get(key)!);
  }

  private index(facts: GuestIndexFacts): void {
    this.facts.set(facts.key, facts);
    if (facts.dueMs !== undefined) {
      const entry = { dueMs: facts.dueMs, key: facts.key };
      this.due.splice(this.firstAfter(entry), 0, entry);
    }
    for (const sponsor of facts.sponsorKeys) {
      let keys = this.bySponsor.get(sponsor);
      if (!keys) this.bySponsor.set(sponsor, (keys = new Set()));
      keys.add(facts.key);
    }
    if (facts.withoutSponsor) this.withoutSponsor.add(facts.key);
    let sameAddress = this.byAddress.get(facts.address);
    if (!sameAddress) this.byAddress.set(facts.address, (sameAddress = new Set()));
    sameAddress.add(facts.key);
  }

  private unindex(facts: GuestIndexFacts): void {
    if (facts.dueMs !== undefined) {
      const at = this.firstAfter({ dueMs: facts.dueMs, key: facts.key }) - 1;
      if (this.due[at]?.key === facts.key) this.due.splice(at, 1);
    }
    for (const sponsor of facts.sponsorKeys) {
      const keys = this.bySponsor.get(sponsor);
      keys?.delete(facts.key);
      if (keys?.size === 0) this.bySponsor.delete(sponsor);
    }
    this.withoutSponsor.delete(facts.key);
    const sameAddress = this.byAddress.get(facts.address);
    sameAddress?.delete(facts.key);
    if (sameAddress?.size === 0) this.byAddress.delete(facts.address);
  }

  /** Where `entry` goes in the due list: after every entry that sorts before or with it. */
  private firstAfter(entry: { dueMs: number; key: string }): number {
    let low = 0;
    let high = this.due.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compareDue(this.due[middle]!, entry) <= 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

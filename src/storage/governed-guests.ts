import { addressKey } from '../invitation/email-address';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { normalizeObjectId } from '../invitation/object-id';

/**
 * What every store indexes a governed guest by, worked out once so the stores cannot disagree: the key (the object
 * id, lower case), the due instant, the sponsors, whether it counts as sponsorless, and the address key.
 */
export interface GuestIndexFacts {
  key: string;
  /** `dueAt` as epoch milliseconds; none: never due. */
  dueMs?: number;
  /** Lower case, each once, sorted; empty for a deleted guest (deleted guests are nobody's to look after). */
  sponsorKeys: string[];
  /** Not deleted and without any sponsor. */
  withoutSponsor: boolean;
  address: string;
}

export function guestKey(userId: string): string {
  return normalizeObjectId(userId);
}

/**
 * Refuses what an index could not hold (an empty id, an unparsable `dueAt`) up front: a guest whose `dueAt` cannot
 * be read would otherwise silently never be due.
 */
export function guestIndexFacts(guest: GovernedGuest): GuestIndexFacts {
  const key = guestKey(String(guest.userId ?? ''));
  if (key === '') throw new TypeError('A governed guest needs a userId');
  if (typeof guest.address !== 'string') throw new TypeError(`Governed guest ${key} has no address`);
  if (!Array.isArray(guest.sponsorIds)) throw new TypeError(`Governed guest ${key} has no sponsorIds list`);
  let dueMs: number | undefined;
  if (guest.dueAt !== undefined) {
    dueMs = Date.parse(guest.dueAt);
    if (Number.isNaN(dueMs)) throw new TypeError(`Governed guest ${key} has an invalid dueAt: ${JSON.stringify(guest.dueAt)}`);
  }
  const deleted = guest.state === 'deleted';
  const sponsorKeys = deleted ? [] : [...new Set(guest.sponsorIds.map(normalizeObjectId).filter((id) => id !== ''))].sort();
  return { key, dueMs, sponsorKeys, withoutSponsor: !deleted && sponsorKeys.length === 0, address: addressKey(guest.address) };
}

/** Due order: earliest first, then by key, so equal instants come out the same way on every store. */
export function compareDue(a: { dueMs: number; key: string }, b: { dueMs: number; key: string }): number {
  return a.dueMs - b.dueMs || compareKeys(a.key, b.key);
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Of the guests sharing an address (someone deleted, then invited again, has a new object id), the one `restore`
 * and every lookup by address mean: one not deleted before a deleted one, then the latest invited, then by key.
 */
export function preferredByAddress<T extends { value: GovernedGuest }>(candidates: T[]): T | undefined {
  const rank = (guest: GovernedGuest) => (guest.state === 'deleted' ? 1 : 0);
  const invited = (guest: GovernedGuest) => (guest.invitedAt === undefined ? Number.NEGATIVE_INFINITY : Date.parse(guest.invitedAt) || 0);
  return [...candidates].sort(
    (a, b) =>
      rank(a.value) - rank(b.value) ||
      invited(b.value) - invited(a.value) ||
      compareKeys(guestKey(a.value.userId), guestKey(b.value.userId)),
  )[0];
}

/** A caller's limit as a count: a fraction is rounded down, a negative or NaN limit wants nothing. */
export function wantedCount(limit: number): number {
  return Number.isFinite(limit) ? Math.max(0, Math.floor(limit)) : limit > 0 ? Number.MAX_SAFE_INTEGER : 0;
}

import { Versioned } from '../request-repository';
import { GovernedGuest } from './governed-guest';

/**
 * Where governed guests are kept, with optimistic concurrency like requests. Implemented by every store and held
 * to `test/storage/contract/governed-guest-contract.ts`. The listings are indexed: their cost depends on what they
 * return, not on how many guests the store holds.
 */
export interface GovernedGuestStore {
  /** Throws `AlreadyExistsError` when the guest is already governed. */
  create(guest: GovernedGuest): Promise<Versioned<GovernedGuest>>;
  get(userId: string): Promise<Versioned<GovernedGuest> | undefined>;
  /** Replaces the record if `etag` is current; otherwise throws `ConcurrencyError` and changes nothing. */
  update(guest: GovernedGuest, etag: string): Promise<Versioned<GovernedGuest>>;
  /** Guests whose `dueAt` is at or before `now`, earliest first, at most `limit`. */
  listDue(now: Date, limit: number): Promise<Versioned<GovernedGuest>[]>;
  /** Guests (not deleted) one of whose sponsors is `sponsorId`, at most `limit`. */
  listBySponsor(sponsorId: string, limit: number): Promise<Versioned<GovernedGuest>[]>;
  /** Guests (not deleted) without any sponsor, at most `limit`. */
  listWithoutSponsor(limit: number): Promise<Versioned<GovernedGuest>[]>;
  /** Every governed guest, in pages for the report; `after` is the last `userId` of the previous page. */
  listAll(limit: number, after?: string): Promise<Versioned<GovernedGuest>[]>;
  /** The governed guest with this address (normalized), if any: how `restore EMAIL` finds the guest. */
  findByAddress(address: string): Promise<Versioned<GovernedGuest> | undefined>;
}

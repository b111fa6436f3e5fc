import { AuditTrail } from '../invitation/audit-trail';
import { GovernedGuestStore } from '../invitation/lifecycle/governed-guest-store';
import { RequestRepository } from '../invitation/request-repository';
import { VersionedState } from '../invitation/versioned-state';

/**
 * Everything GuestPass keeps between messages, behind one interface so the bot and its jobs do not care whether
 * it lives in memory (tests), a SQLite file (one host) or, later, Azure Table Storage (several hosts).
 * Every implementation must pass the shared contract suite in `test/storage/store-contract.ts`.
 *
 * Values must be plain JSON data: the durable stores serialize them, so a `Date` or `Map` would not survive a round trip.
 */

/** Bot Framework conversation references (for proactive messages), keyed by the caller's choice of id. */
export interface ConversationReferenceStore {
  /** Inserts or overwrites. */
  save(key: string, reference: Record<string, unknown>): Promise<void>;
  get(key: string): Promise<Record<string, unknown> | undefined>;
}

/** Where an approval card was posted, so it can be updated once someone decides. */
export interface CardLocation {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
  /** 'channel' | 'personal' | 'groupChat' */
  kind: string;
}

export interface ApprovalCardLocations {
  /** Adding a card already recorded (same conversationId + activityId) replaces it rather than duplicating it. */
  add(requestId: string, location: CardLocation): Promise<void>;
  /** In the order the cards were first added. */
  list(requestId: string): Promise<CardLocation[]>;
}

/** A named lease so one instance at a time runs a background job. */
export interface LeaseStore {
  /**
   * True if the lease was free, expired (`now` at or past its expiry), or already held by `owner` (then renewed);
   * on success the lease is held by `owner` until `now + ttlMs`.
   */
  tryAcquire(name: string, owner: string, ttlMs: number, now: Date): Promise<boolean>;
  /** Frees the lease if `owner` holds it; a no-op otherwise (a late release must not free someone else's lease). */
  release(name: string, owner: string): Promise<void>;
}

/** A small versioned key-value space for jobs' state (e.g. the redemption watcher's checkpoints); see VersionedState. */
export type StateStore = VersionedState;

export interface GuestPassStore {
  /** e.g. `memory`, `sqlite`; for logs and /readyz. */
  readonly kind: string;
  requests: RequestRepository;
  audit: AuditTrail;
  conversations: ConversationReferenceStore;
  approvalCards: ApprovalCardLocations;
  leases: LeaseStore;
  state: StateStore;
  /** Guests under lifecycle governance. */
  guests: GovernedGuestStore;
  /** Throws if the store cannot be reached (for /readyz). */
  checkHealth(): Promise<void>;
  /** Releases the connection; calling it again is harmless. */
  close(): Promise<void>;
}

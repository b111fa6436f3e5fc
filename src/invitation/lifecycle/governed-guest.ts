import { Actor } from '../invitation-request';

/**
 * One guest under lifecycle governance, keyed by the guest's Entra object id (lower case). Written when GuestPass
 * invites a guest (or, with the `allGuests` scope, when a run first meets one), and kept after the account is
 * deleted so the report and `restore` can say what happened. Plain JSON data, stored with an eTag: every change is
 * a compare-and-swap, so two instances or a crash mid-run never disable, delete or notify twice.
 */
export interface GovernedGuest {
  /** The guest's object id, lower case (see object-id.ts). */
  userId: string;
  tenantId?: string;
  /** The invited address, normalized as the request's address. */
  address: string;
  displayName?: string;
  /** The request that invited the guest; none for guests GuestPass did not invite (`allGuests` scope). */
  requestId?: string;
  invitedBy?: Actor;
  invitedAt?: string;
  /** Why the guest was invited, as the requester wrote it (the invitation's message), for the sponsor's review. */
  reason?: string;
  /** Object ids of the guest's sponsors as last read from Entra (lower case); empty when the guest has none. */
  sponsorIds: string[];
  /** When access ends; none: access does not end by itself (periodic reviews may still apply). */
  accessEndsAt?: string;
  /** `pending` until the guest redeems the invitation. */
  redemption: 'pending' | 'accepted';
  /** Last interactive sign-in as Entra reported it; none when unknown or never. */
  lastSignInAt?: string;
  state: GovernedGuestState;
  /** When the next run must look at this guest again (the store indexes it); none: nothing is due. */
  dueAt?: string;
  /** The review in progress, or the last one. */
  review?: GuestReview;
  /** When the requester was reminded that the invitation is still not redeemed. */
  unredeemedReminderAt?: string;
  disabledAt?: string;
  /** Deleted on or after this instant unless restored (`disabledAt` + `deleteAfterDays`). */
  deleteAt?: string;
  deletedAt?: string;
  /**
   * Why the account was (or, while still `active`, is to be) disabled: access ended, a sponsor removed it, never
   * redeemed, nobody answered, the requester withdrew the invitation.
   */
  removalReason?: RemovalReason;
  /**
   * An account change claimed but not yet confirmed: written in the same compare-and-swap that claims it, before
   * Graph is called, and cleared once done. A run that finds it later (a crash, a failed call) looks at the
   * account and repeats the call only if the account shows it did not happen. `by`: a person asked for it (a
   * restore, a withdrawal), so it is finished even in report-only mode.
   */
  pendingEffect?: { action: 'disable' | 'delete' | 'enable'; claimedAt: string; by?: Actor };
  /** What each run and each person did, oldest first (bounded; the audit trail keeps everything). */
  history: GuestLifecycleEvent[];
}

/** `active`: access as granted; `disabled`: sign-in blocked, deletion due at `deleteAt`; `deleted`: account removed. */
export type GovernedGuestState = 'active' | 'disabled' | 'deleted';

export type RemovalReason = 'accessEnded' | 'sponsorRemoved' | 'neverRedeemed' | 'noAnswer' | 'withdrawn';

/** Why sponsors are asked. */
export type ReviewReason = 'accessEnding' | 'periodic' | 'inactive';

export interface GuestReview {
  /** Distinguishes rounds, so an answer to an old card does not decide a new review. */
  id: string;
  reason: ReviewReason;
  startedAt: string;
  /** After this, a reminder; after twice the window, escalation. */
  answerBy: string;
  remindedAt?: string;
  escalatedAt?: string;
  /** Who was asked (object ids, lower case): the sponsors, then the fallback approvers/admins after escalation. */
  askedIds: string[];
  decision?: { kind: 'keep' | 'remove'; by: Actor; at: string; days?: number };
}

export interface GuestLifecycleEvent {
  at: string;
  what: string;
  by?: Actor;
}

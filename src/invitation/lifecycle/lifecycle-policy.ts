/**
 * The organisation's rules for a guest's whole life after the invitation: how long access lasts, when sponsors
 * confirm it, and what happens to guests nobody needs. Part of the policy file (`access`, `lifecycle`).
 */

/** How long access lasts, in days from the invitation; `maxDays` bounds what a requester or a sponsor may ask for. */
export interface AccessDays {
  /** Access granted when the request names no end date; none means access does not end by itself. */
  defaultDays?: number;
  /** The longest access a request or a review's "Keep" may grant; none means no limit. */
  maxDays?: number;
}

export interface AccessPolicy extends AccessDays {
  /** Per domain pattern (`example.com`, `*.example.com`); the first matching entry wins over the defaults above. */
  domains: ({ pattern: string } & AccessDays)[];
}

/**
 * `reportOnly`: every run works out and reports what it would do (disable, delete, remind) but changes no account.
 * The default, until an administrator turns enforcement on.
 */
export type LifecycleEnforcement = 'reportOnly' | 'enforce';

/** Which guests the lifecycle governs: only those GuestPass invited, or every guest of the tenant. */
export type LifecycleScope = 'invitedByGuestPass' | 'allGuests';

export interface LifecyclePolicy {
  enforcement: LifecycleEnforcement;
  scope: LifecycleScope;
  /** Sponsors are asked this many days before access ends. */
  reviewBeforeDays: number;
  /** Guests without an end date are reviewed this often; none: never. */
  reviewEveryDays?: number;
  /** How long sponsors have to answer a review before a reminder; escalation after twice this. */
  answerWithinDays: number;
  /** Days between disabling a guest and deleting the account (Entra keeps deleted users restorable 30 days more). */
  deleteAfterDays: number;
  /** At most this many guests disabled or deleted by one run; the rest wait for the next run. */
  maxRemovalsPerRun: number;
  /** Invitations still pending after this many days remind the requester. */
  remindAfterDays: number;
  /** Pending guest accounts are removed (under the same safety net) after this many days; none: never. */
  removeUnredeemedAfterDays?: number;
  /** Guests with no sign-in for this many days go to their sponsors for review (needs signInActivity); none: off. */
  inactiveDays?: number;
}

export const DEFAULT_ACCESS_POLICY: AccessPolicy = { domains: [] };

export const DEFAULT_LIFECYCLE_POLICY: LifecyclePolicy = {
  enforcement: 'reportOnly',
  scope: 'invitedByGuestPass',
  reviewBeforeDays: 14,
  answerWithinDays: 7,
  deleteAfterDays: 30,
  maxRemovalsPerRun: 20,
  remindAfterDays: 7,
};

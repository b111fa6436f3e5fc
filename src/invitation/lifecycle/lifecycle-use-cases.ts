import { InvitationRequest } from '../invitation-request';
import { Requester } from '../requester';
import { GovernedGuest, RemovalReason, ReviewReason } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';

/**
 * The lifecycle's use cases as the transports (Teams, CLI, jobs) call them: the outcomes here, each use case in
 * its own file, re-exported below. (The `my guests` buttons, orphans, sponsor assignment and withdrawal have their
 * own files with their outcomes: sponsor-decision.ts, sponsored-guests.ts, assign-sponsor.ts, withdraw-invitation.ts.)
 */

/** What one lifecycle run did, or in report-only mode would do. */
export interface LifecycleAction {
  userId: string;
  address: string;
  action: 'askReview' | 'remindSponsors' | 'escalate' | 'remindRequester' | 'disable' | 'delete' | 'enable' | 'enrol' | 'skip';
  /** Why (access ended, sponsor removed, never redeemed, inactive, not a guest…). */
  reason?: string;
  /** False in report-only mode, when the run's cap was reached (then `capped`), or when the call failed (`failed`). */
  done: boolean;
  capped?: boolean;
  /** The directory or the notifier failed; the next run looks again. */
  failed?: boolean;
}

export interface LifecycleRunReport {
  at: string;
  enforcement: 'reportOnly' | 'enforce';
  actions: LifecycleAction[];
  /** Whether last sign-ins could be read (AuditLog.Read.All and Entra ID P1). */
  signInActivity: 'available' | 'forbidden' | 'notNeeded';
  /** Guests looked at (due, plus those newly enrolled with the `allGuests` scope). */
  examined: number;
}

export type ReviewAnswer = { kind: 'keep'; days: number } | { kind: 'remove' };

export type DecideReviewOutcome =
  | { kind: 'decided'; guest: GovernedGuest }
  | { kind: 'alreadyDecided'; guest: GovernedGuest }
  /** The card is from an earlier review, or the guest is no longer active. */
  | { kind: 'staleReview'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'tooLong'; maxDays: number }
  /** Days not a whole number of at least one. */
  | { kind: 'invalidDays' }
  | { kind: 'notFound' };

/** The next thing the lifecycle will do for a guest, and when (for `my guests`, the report and `status`). */
export interface NextLifecycleAction {
  action: 'review' | 'remindSponsors' | 'escalate' | 'remindRequester' | 'disable' | 'delete' | 'enable' | 'none';
  /** When; in the past when it is due now. */
  at?: string;
  /** Why a review is asked or a guest disabled. */
  reason?: ReviewReason | RemovalReason;
}

export type RestoreOutcome =
  | { kind: 'restored'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'notFound' }
  /** The account is deleted (by GuestPass or in Entra): restore it from Entra's deleted users first. */
  | { kind: 'deleted'; guest: GovernedGuest }
  | { kind: 'notDisabled'; guest: GovernedGuest }
  /** Not a guest account: GuestPass never changes members. */
  | { kind: 'notAGuest'; guest: GovernedGuest }
  | { kind: 'tooLong'; maxDays: number }
  | { kind: 'invalidDays' }
  /** The directory refused or failed; the guest stays disabled (a run finishes an enable left half-way). */
  | { kind: 'failed'; guest: GovernedGuest; error: unknown };

export type LifecycleUseCases = {
  /** Puts a guest GuestPass just invited under governance (end date from the request or the policy). */
  enrolInvitedGuest(ctx: LifecycleContext, request: InvitationRequest): Promise<GovernedGuest | undefined>;
  /** One run over the due guests: reviews, reminders, escalations, enforcement within the cap. */
  runLifecycle(ctx: LifecycleContext): Promise<LifecycleRunReport>;
  /** A sponsor's (or, after escalation, an admin's) answer on a review card. */
  decideReview(ctx: LifecycleContext, input: { userId: string; reviewId: string; answer: ReviewAnswer; by: Requester }): Promise<DecideReviewOutcome>;
  /** Re-enables a disabled guest and extends access (admins only). */
  restoreGuest(ctx: LifecycleContext, input: { address: string; days?: number; by: Requester }): Promise<RestoreOutcome>;
  nextAction(guest: GovernedGuest, ctx: Pick<LifecycleContext, 'policy'>, now: Date): NextLifecycleAction;
};

export { enrolInvitedGuest } from './enrol-invited-guest';
export { decideReview } from './decide-review';
export { nextAction } from './next-action';
export { runLifecycle } from './run-lifecycle';
export { restoreGuest } from './restore-guest';

import { Actor, InvitationRequest } from '../invitation-request';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';

/**
 * The lifecycle's use cases as the transports (Teams, CLI, jobs) call them. Signatures only: each is implemented
 * in its own file and re-exported here.
 */

/** What one lifecycle run did, or in report-only mode would do. */
export interface LifecycleAction {
  userId: string;
  address: string;
  action: 'askReview' | 'remindSponsors' | 'escalate' | 'remindRequester' | 'disable' | 'delete' | 'enrol' | 'skip';
  /** Why (access ended, sponsor removed, never redeemed, inactive, not a guest…). */
  reason?: string;
  /** False in report-only mode, or when the run's cap was reached (then `capped`). */
  done: boolean;
  capped?: boolean;
}

export interface LifecycleRunReport {
  at: string;
  enforcement: 'reportOnly' | 'enforce';
  actions: LifecycleAction[];
  /** Whether last sign-ins could be read (AuditLog.Read.All and Entra ID P1). */
  signInActivity: 'available' | 'forbidden' | 'notNeeded';
}

export type ReviewAnswer = { kind: 'keep'; days: number } | { kind: 'remove' };

export type DecideReviewOutcome =
  | { kind: 'decided'; guest: GovernedGuest }
  | { kind: 'alreadyDecided'; guest: GovernedGuest }
  | { kind: 'staleReview'; guest: GovernedGuest }
  | { kind: 'notAllowed' }
  | { kind: 'tooLong'; maxDays: number }
  | { kind: 'notFound' };

/** The next thing the lifecycle will do for a guest, and when (for `my guests`, the report and `status`). */
export interface NextLifecycleAction {
  action: 'review' | 'remindSponsors' | 'escalate' | 'remindRequester' | 'disable' | 'delete' | 'none';
  at?: string;
}

export type LifecycleUseCases = {
  /** Puts a guest GuestPass just invited under governance (end date from the request or the policy). */
  enrolInvitedGuest(ctx: LifecycleContext, request: InvitationRequest): Promise<void>;
  /** One run over the due guests: reviews, reminders, escalations, enforcement within the cap. */
  runLifecycle(ctx: LifecycleContext): Promise<LifecycleRunReport>;
  /** A sponsor's (or, after escalation, an admin's) answer on a review card. */
  decideReview(ctx: LifecycleContext, input: { userId: string; reviewId: string; answer: ReviewAnswer; by: Actor }): Promise<DecideReviewOutcome>;
  /** Re-enables a disabled guest and extends access (admins only). */
  restoreGuest(ctx: LifecycleContext, input: { address: string; days?: number; by: Actor }): Promise<unknown>;
  nextAction(guest: GovernedGuest, ctx: Pick<LifecycleContext, 'policy'>, now: Date): NextLifecycleAction;
};

import { DirectoryError } from './directory-error';
import { InvitationCommand, InvitationReceipt } from './directory-port';
import { addGuestToGroups, plannedGroupAdditions } from './group-additions';
import { InvitationContext } from './invitation-context';
import { InvitationRequest, transition } from './invitation-request';
import { enrolAfterInvitation } from './lifecycle/enrol-invited-guest';
import { Versioned } from './request-repository';
import { updateRequest } from './update-request';

export type CarryOutResult =
  | { kind: 'invited'; request: InvitationRequest; redeemUrl?: string }
  | { kind: 'failed'; request: InvitationRequest; error: DirectoryError }
  /** Another turn or instance is inviting, or did already. */
  | { kind: 'notClaimed'; request: InvitationRequest };

export interface InviteOptions {
  /**
   * Look the address up again first. A request approved hours after it was made, or resumed after a restart, may
   * find the guest invited meanwhile by another request; inviting again would send a second email.
   */
  recheckDirectory: boolean;
  /**
   * Resolves once the invitation may be sent (a bulk run's share of Graph's invitation budget). Awaited before the
   * request is claimed, not after: a request left `inviting` that long would look abandoned to housekeeping, which
   * would invite it a second time, while an `approved` one it resumes is simply not claimed here any more.
   */
  turn?: () => Promise<void>;
}

/**
 * Sends the invitation of an approved request, exactly once. The request is first moved to `inviting` (a
 * compare-and-swap on its version), so of many concurrent callers one claims it; the others return `notClaimed`.
 * `target` is the request's id, or the version the caller just wrote (see updateRequest).
 */
export async function carryOutInvitation(
  ctx: InvitationContext,
  target: string | Versioned<InvitationRequest>,
  options: InviteOptions,
): Promise<CarryOutResult> {
  await options.turn?.();
  const claim = await updateRequest(ctx.requests, target, (current) =>
    current.state === 'approved' ? transition(current, 'inviting', ctx.clock.now(), { instance: ctx.instances?.id }) : undefined,
  );
  if (!claim.changed) return { kind: 'notClaimed', request: claim.request };
  return invite(ctx, claim.request, options, claim.etag);
}

/**
 * How long after a request was claimed (moved to `inviting`) the claimant has surely written its outcome, or
 * never will: `invite` makes at most two Graph calls before writing it, the directory lookup and the invitation.
 */
export function longestInvitationMs(longestGraphCallMs: number): number {
  return 2 * longestGraphCallMs;
}

/** Invites for a request already in `inviting` (claimed by the caller; `etag`, when known, is its version). */
export async function invite(ctx: InvitationContext, request: InvitationRequest, options: InviteOptions, etag?: string): Promise<CarryOutResult> {
  const { invitation } = request;
  if (options.recheckDirectory) {
    try {
      const existing = await ctx.directory.findUsersByEmail(invitation.email);
      if (existing.length > 0) {
        const error = new DirectoryError('alreadyExists', 'The address belongs to a user invited or created meanwhile');
        return recordFailure(ctx, request, error);
      }
    } catch (caught) {
      return recordFailure(ctx, request, caught);
    }
  }
  const command: InvitationCommand = {
    email: invitation.email,
    displayName: invitation.displayName,
    redirectUrl: invitation.redirectUrl,
    sendEmail: invitation.sendEmail,
    customMessage: invitation.customMessage,
    ccRecipient: invitation.ccRecipient,
    messageLanguage: invitation.messageLanguage,
    userType: invitation.userType,
    sponsorIds: ctx.sponsorsSupported ? [request.requester.id] : [],
  };
  let receipt: InvitationReceipt;
  try {
    receipt = await ctx.directory.createInvitation(command);
  } catch (caught) {
    return recordFailure(ctx, request, caught);
  }
  // Only the Graph call is caught: a store failure after it must not mark an invited guest as failed. The request
  // then stays `inviting`, and the recovery job finds the guest and finishes it.
  const now = ctx.clock.now();
  const done = await updateRequest(ctx.requests, etag ? { value: request, etag } : request.id, (current) =>
    current.state === 'inviting' ? { ...transition(current, 'invited', now), result: invitedResult(current, ctx, receipt.userId, now) } : undefined,
  );
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'graph.invitation.succeeded',
    requestId: request.id,
    subject: invitation.email,
    details: { userId: receipt.userId, emailSent: invitation.sendEmail, userType: invitation.userType },
  });
  await enrolAfterInvitation(ctx.lifecycle, done.request);
  // First try right away; what the new guest's replication delays is retried by the housekeeping job.
  const withGroups = await addGuestToGroups(ctx, done.request);
  return { kind: 'invited', request: withGroups, redeemUrl: invitation.sendEmail ? undefined : receipt.redeemUrl };
}

/** The result of an invited request: the guest, and the group additions still to make. */
export function invitedResult(request: InvitationRequest, ctx: InvitationContext, userId: string, now: Date): InvitationRequest['result'] {
  const groups = plannedGroupAdditions(request, ctx.policy, now);
  return groups ? { userId, groups } : { userId };
}

async function recordFailure(ctx: InvitationContext, request: InvitationRequest, caught: unknown): Promise<CarryOutResult> {
  const error = caught instanceof DirectoryError ? caught : new DirectoryError('unknown', 'The directory call failed unexpectedly');
  const failed = await updateRequest(ctx.requests, request.id, (current) =>
    current.state === 'inviting'
      ? {
          ...transition(current, 'failed', ctx.clock.now(), { reason: error.kind }),
          result: { errorKind: error.kind, errorMessage: error.message, graphRequestId: error.requestId, retryable: error.retryable },
        }
      : undefined,
  );
  await ctx.audit.append({
    at: ctx.clock.now().toISOString(),
    event: 'graph.invitation.failed',
    requestId: request.id,
    subject: request.invitation.email,
    details: { errorKind: error.kind, graphRequestId: error.requestId ?? null, retryable: error.retryable },
  });
  return { kind: 'failed', request: failed.request, error };
}

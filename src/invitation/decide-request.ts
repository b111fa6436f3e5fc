import { carryOutInvitation } from './carry-out-invitation';
import { DirectoryError } from './directory-error';
import { InvitationContext } from './invitation-context';
import { Actor, InvitationRequest, transition } from './invitation-request';
import { sameObjectId } from './object-id';
import { Requester } from './requester';
import { updateRequest } from './update-request';
import { mayDecideRequest } from './who-decides';

export const MAX_REJECTION_REASON_LENGTH = 500;

export type Decision = { kind: 'approve' } | { kind: 'reject'; reason: string };

export type DecisionOutcome =
  /** Recorded; the invitation is still to be sent (see inviteApproved). */
  | { kind: 'approved'; request: InvitationRequest }
  | { kind: 'approvedAndInvited'; request: InvitationRequest }
  | { kind: 'approvedButFailed'; request: InvitationRequest; error: DirectoryError }
  | { kind: 'rejected'; request: InvitationRequest }
  | { kind: 'notFound'; requestId: string }
  | { kind: 'notAnApprover'; request: InvitationRequest }
  | { kind: 'ownRequest'; request: InvitationRequest }
  | { kind: 'reasonRequired'; request: InvitationRequest }
  /** Someone decided first, or the request expired or was cancelled. */
  | { kind: 'alreadyDecided'; request: InvitationRequest };

/**
 * An approver approves or rejects a pending request. Only approvers (admins for admin-only requests) decide,
 * never on their own request, and only once: the state change is a compare-and-swap, so of concurrent decisions
 * exactly one takes effect and the invitation is sent once.
 */
export async function decideRequest(
  ctx: InvitationContext,
  requestId: string,
  decider: Requester,
  decision: Decision,
): Promise<DecisionOutcome> {
  const outcome = await recordDecision(ctx, requestId, decider, decision);
  return outcome.kind === 'approved' ? inviteApproved(ctx, outcome.request) : outcome;
}

/**
 * The quick part of a decision: who may decide, and the compare-and-swap that makes it (`approved` or
 * `rejected`), audited. An approval then still needs `inviteApproved`, which a caller with a deadline may run
 * later; the stored `approved` state is what lets housekeeping finish it if the process stops in between.
 */
export async function recordDecision(
  ctx: InvitationContext,
  requestId: string,
  decider: Requester,
  decision: Decision,
): Promise<DecisionOutcome> {
  const stored = await ctx.requests.get(requestId);
  if (!stored) return { kind: 'notFound', requestId };
  const request = stored.value;
  if (sameObjectId(request.requester.id, decider.id)) return { kind: 'ownRequest', request };
  if (!(await mayDecideRequest(ctx.access, decider, request))) {
    return { kind: 'notAnApprover', request };
  }
  const reason = decision.kind === 'reject' ? decision.reason.trim().slice(0, MAX_REJECTION_REASON_LENGTH) : undefined;
  if (decision.kind === 'reject' && !reason) return { kind: 'reasonRequired', request };

  const by: Actor = { id: decider.id, displayName: decider.displayName };
  const now = ctx.clock.now();
  const target = decision.kind === 'approve' ? 'approved' : 'rejected';
  const update = await updateRequest(ctx.requests, requestId, (current) => {
    if (current.state !== 'pendingApproval') return undefined;
    if (current.expiresAt && new Date(current.expiresAt) <= now) return undefined;
    return {
      ...transition(current, target, now, { by, reason, instance: ctx.instances?.id }),
      approval: { ...current.approval!, decidedBy: by, decidedAt: now.toISOString(), rejectionReason: reason },
    };
  });
  if (!update.changed) return { kind: 'alreadyDecided', request: update.request };

  await ctx.audit.append({
    at: now.toISOString(),
    event: decision.kind === 'approve' ? 'request.approved' : 'request.rejected',
    requestId,
    actor: by,
    subject: request.invitation.email,
    details: reason ? { reason } : undefined,
  });

  if (decision.kind === 'reject') {
    await ctx.notifier.showRequestState(update.request);
    await ctx.notifier.tellRequester(update.request, {});
    return { kind: 'rejected', request: update.request };
  }

  // Every copy of the card shows at once that the request is approved and the invitation on its way.
  await ctx.notifier.showRequestState(update.request);
  return { kind: 'approved', request: update.request };
}

/** The slow part of an approval: the invitation (claimed once, whoever calls), then the cards and the requester. */
export async function inviteApproved(ctx: InvitationContext, request: InvitationRequest): Promise<DecisionOutcome> {
  const result = await carryOutInvitation(ctx, request.id, { recheckDirectory: true });
  if (result.kind === 'notClaimed') return { kind: 'alreadyDecided', request: result.request };
  await ctx.notifier.showRequestState(result.request);
  await ctx.notifier.tellRequester(result.request, { redeemUrl: result.kind === 'invited' ? result.redeemUrl : undefined });
  if (result.kind === 'failed') return { kind: 'approvedButFailed', request: result.request, error: result.error };
  return { kind: 'approvedAndInvited', request: result.request };
}

import { invite, invitedResult } from './carry-out-invitation';
import { addGuestToGroups } from './group-additions';
import { InvitationContext } from './invitation-context';
import { InvitationRequest, transition } from './invitation-request';
import { enrolAfterInvitation } from './lifecycle/enrol-invited-guest';
import { updateRequest } from './update-request';

/**
 * Periodic work on stored requests, safe to run on any instance at any time (every step is a compare-and-swap):
 * expire requests nobody decided, escalate to fallback approvers, and finish invitations a stopped process left.
 */
export async function expireOverdueRequests(ctx: InvitationContext): Promise<number> {
  const now = ctx.clock.now();
  let expired = 0;
  for (const { value } of await ctx.requests.listDue({ kind: 'expiry', dueBy: now })) {
    const update = await updateRequest(ctx.requests, value.id, (current) =>
      current.state === 'pendingApproval' ? transition(current, 'expired', now) : undefined,
    );
    if (!update.changed) continue;
    expired++;
    await ctx.audit.append({ at: now.toISOString(), event: 'request.expired', requestId: value.id, subject: value.invitation.email });
    await ctx.notifier.showRequestState(update.request);
    await ctx.notifier.tellRequester(update.request, {});
  }
  return expired;
}

export async function escalateToFallbackApprovers(ctx: InvitationContext): Promise<number> {
  const fallback = ctx.policy.fallbackApprovers;
  if (!fallback) return 0;
  const now = ctx.clock.now();
  const waitMs = fallback.afterMinutes * 60_000;
  let escalated = 0;
  for (const { value } of await ctx.requests.listDue({ kind: 'escalation', dueBy: new Date(now.getTime() - waitMs) })) {
    const update = await updateRequest(ctx.requests, value.id, (current) =>
      current.state === 'pendingApproval' && current.approval && !current.approval.escalatedAt
        ? { ...current, approval: { ...current.approval, escalatedAt: now.toISOString() } }
        : undefined,
    );
    if (!update.changed) continue;
    escalated++;
    await ctx.audit.append({ at: now.toISOString(), event: 'request.escalated', requestId: value.id, subject: value.invitation.email });
    const reach = await ctx.notifier.askApprovers(update.request, 'fallbackApprovers');
    // Nobody of them reached (no chat, no permission to open one): the admins, who may decide anything.
    if (!reach.channel && reach.people === 0) await ctx.notifier.askApprovers(update.request, 'admins');
  }
  return escalated;
}

/**
 * Finishes requests a stopped process left `approved` or `inviting`. For `inviting`, Graph may or may not have
 * received the invitation: if the guest now exists the request is marked invited without a second invitation.
 * `settledAfterMs` is how long carrying out an invitation can take at most (see longestInvitationMs).
 */
export async function resumeInterruptedInvitations(ctx: InvitationContext, settledAfterMs: number): Promise<number> {
  const now = ctx.clock.now();
  let resumed = 0;
  for (const { value } of await ctx.requests.list({ states: ['approved', 'inviting'] })) {
    if (!(await abandoned(ctx, value, now, settledAfterMs))) continue; // probably still in progress elsewhere
    if (value.state === 'approved') {
      const claim = await updateRequest(ctx.requests, value.id, (current) =>
        current.state === 'approved' ? transition(current, 'inviting', now, { reason: 'resumed', instance: ctx.instances?.id }) : undefined,
      );
      if (!claim.changed) continue;
      const result = await invite(ctx, claim.request, { recheckDirectory: true });
      await ctx.notifier.showRequestState(result.request);
      await ctx.notifier.tellRequester(result.request, { redeemUrl: result.kind === 'invited' ? result.redeemUrl : undefined });
      resumed++;
      continue;
    }
    const existing = await ctx.directory.findUsersByEmail(value.invitation.email).catch(() => undefined);
    if (existing === undefined) continue; // directory unreachable: try again on the next round
    const guest = existing[0];
    const update = await updateRequest(ctx.requests, value.id, (current) => {
      if (current.state !== 'inviting') return undefined;
      // Touch the request so other instances see fresh progress and leave it to us.
      return guest
        ? { ...transition(current, 'invited', now, { reason: 'recovered' }), result: invitedResult(current, ctx, guest.id, now) }
        : { ...current, transitions: [...current.transitions, { from: 'inviting', to: 'inviting', at: now.toISOString(), reason: 'resumed', instance: ctx.instances?.id }] };
    });
    if (!update.changed) continue;
    resumed++;
    if (guest) {
      await ctx.audit.append({ at: now.toISOString(), event: 'graph.invitation.recovered', requestId: value.id, subject: value.invitation.email, details: { userId: guest.id } });
      await enrolAfterInvitation(ctx.lifecycle, update.request);
      const withGroups = await addGuestToGroups(ctx, update.request);
      await ctx.notifier.showRequestState(withGroups);
      await ctx.notifier.tellRequester(withGroups, {});
    } else {
      const result = await invite(ctx, update.request, { recheckDirectory: false });
      await ctx.notifier.showRequestState(result.request);
      await ctx.notifier.tellRequester(result.request, { redeemUrl: result.kind === 'invited' ? result.redeemUrl : undefined });
    }
  }
  return resumed;
}

/** State records deleted per round at most: a backlog (after an upgrade, or a long stop) goes over a few rounds. */
export const PRUNED_PER_ROUND = 500;

/**
 * Deletes the state records nobody needs any more (over resend windows, sign-ins and bulk previews that can no
 * longer be used, each written with the time it stops mattering), so the store does not grow with every use and
 * keeps no guest's address or message longer than it serves.
 */
export function pruneExpiredState(ctx: InvitationContext): Promise<number> {
  return ctx.state.prune(ctx.clock.now(), PRUNED_PER_ROUND);
}

/**
 * Whether nobody is working on a request left `approved` or `inviting` any more. While the instance that made its
 * last change runs, it may be waiting on Graph (Retry-After, a slow answer) far longer than a minute, and the
 * guest it is inviting is not in the directory yet: resuming then would invite a second time. So such a request
 * is resumed only once that instance is gone (its presence lapsed, or withdrawn at shutdown; a restart is a new
 * instance), or once `settledAfterMs` passed since its last change.
 * That bound also applies to a live instance, this one included: by then its Graph calls have surely ended, so a
 * request still unchanged means writing the outcome failed (the store was unreachable) and the request would
 * otherwise stay `inviting` for as long as the instance lives. Resuming looks the guest up first, so an
 * invitation that did reach Graph is recorded, not sent again. Requests written before transitions named their
 * instance, and those made while this process keeps no presence, are resumed after the same bound.
 */
async function abandoned(ctx: InvitationContext, request: InvitationRequest, now: Date, settledAfterMs: number): Promise<boolean> {
  const last = request.transitions[request.transitions.length - 1];
  if (now.getTime() - new Date(last?.at ?? request.createdAt).getTime() >= settledAfterMs) return true;
  if (!last?.instance || !ctx.instances || last.instance === ctx.instances.id) return false;
  return ctx.instances.isGone(last.instance).catch(() => false);
}

import { InvitationContext } from './invitation-context';
import { InvitationRequest, transition } from './invitation-request';
import { sameObjectId } from './object-id';
import { Requester } from './requester';
import { updateRequest } from './update-request';

export type CancelOutcome =
  | { kind: 'cancelled'; request: InvitationRequest }
  | { kind: 'notFound'; requestId: string }
  | { kind: 'notYours'; request: InvitationRequest }
  | { kind: 'tooLate'; request: InvitationRequest };

/** The requester (or an admin) withdraws a request that has not been sent to Entra yet. */
export async function cancelRequest(ctx: InvitationContext, requestId: string, by: Requester): Promise<CancelOutcome> {
  const stored = await ctx.requests.get(requestId);
  if (!stored) return { kind: 'notFound', requestId };
  if (!sameObjectId(stored.value.requester.id, by.id) && !(await ctx.access.isAdmin(by))) {
    return { kind: 'notYours', request: stored.value };
  }
  const now = ctx.clock.now();
  const actor = { id: by.id, displayName: by.displayName };
  const update = await updateRequest(ctx.requests, requestId, (current) =>
    current.state === 'pendingApproval' || current.state === 'approved'
      ? transition(current, 'cancelled', now, { by: actor })
      : undefined,
  );
  if (!update.changed) return { kind: 'tooLate', request: update.request };
  await ctx.audit.append({ at: now.toISOString(), event: 'request.cancelled', requestId, actor, subject: update.request.invitation.email });
  await ctx.notifier.showRequestState(update.request);
  return { kind: 'cancelled', request: update.request };
}

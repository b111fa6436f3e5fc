import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { InvitationPolicy } from './policy';
import { ApprovalAudience } from './notifier-port';
import { updateRequest } from './update-request';

/** Why a request went past its approvers: none but the requester could decide, or no card reached any of them. */
export type DetourReason = 'onlyRequester' | 'unreachable';

export type ApprovalRoute =
  /** `audience` got the card; `passedOver` says why it was not the approvers (unset when it was). */
  | { kind: 'asked'; audience: ApprovalAudience; passedOver?: DetourReason }
  /** Nobody could be asked: the request waits (someone may still type `requests`, or the policy be fixed). */
  | { kind: 'nobody'; reason: DetourReason };

/**
 * Asks someone who can decide, and says whom. The approvers first (admins for admin-only requests); when none of
 * them is anyone but the requester, or the card reached none of them, the fallback approvers (the request is
 * escalated, so they may decide) and then the admins. A request nobody could be asked for stays pending rather
 * than refused: a failed group lookup looks just like an empty group, the requester can cancel it, and an approver
 * added to the policy meanwhile can still decide it from `requests`. The requester is told which in the answer.
 */
export async function askForApproval(ctx: InvitationContext, request: InvitationRequest): Promise<{ request: InvitationRequest; route: ApprovalRoute }> {
  let current = request;
  let passedOver: DetourReason | undefined;
  for (const audience of audiencesFor(ctx.policy, request)) {
    const people = await ctx.approvers.recipients(current, audience);
    if (people.length === 0) {
      passedOver ??= 'onlyRequester';
      continue;
    }
    if (audience === 'fallbackApprovers') current = await escalate(ctx, current, passedOver ?? 'onlyRequester');
    const reach = await ctx.notifier.askApprovers(current, audience);
    if (reach.channel || reach.people > 0) {
      return { request: current, route: audience === 'approvers' ? { kind: 'asked', audience } : { kind: 'asked', audience, passedOver } };
    }
    passedOver = passedOver === 'onlyRequester' ? passedOver : 'unreachable';
  }
  const reason = passedOver ?? 'onlyRequester';
  await ctx.audit.append({
    at: ctx.clock.now().toISOString(),
    event: 'request.noApprover',
    requestId: current.id,
    subject: current.invitation.email,
    details: { reason },
  });
  return { request: current, route: { kind: 'nobody', reason } };
}

/** Fallback approvers may decide only admin-free requests, and admins may decide anything. */
function audiencesFor(policy: InvitationPolicy, request: InvitationRequest): ApprovalAudience[] {
  if (request.approval?.adminOnly) return ['approvers'];
  return ['approvers', ...(policy.fallbackApprovers ? (['fallbackApprovers'] as const) : []), 'admins'];
}

async function escalate(ctx: InvitationContext, request: InvitationRequest, reason: DetourReason): Promise<InvitationRequest> {
  const now = ctx.clock.now();
  const update = await updateRequest(ctx.requests, request.id, (current) =>
    current.state === 'pendingApproval' && current.approval && !current.approval.escalatedAt
      ? { ...current, approval: { ...current.approval, escalatedAt: now.toISOString() } }
      : undefined,
  );
  if (update.changed) {
    await ctx.audit.append({ at: now.toISOString(), event: 'request.escalated', requestId: request.id, subject: request.invitation.email, details: { reason } });
  }
  return update.request;
}

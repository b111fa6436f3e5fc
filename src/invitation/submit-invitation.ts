import { ApprovalRoute, askForApproval } from './approval-routing';
import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { carryOutInvitation, invite, InviteOptions } from './carry-out-invitation';
import { InvitationContext } from './invitation-context';
import { InvitationDraft, ValidationProblem, ValidInvitation } from './invitation-draft';
import { effectiveLimits, invitationDefaults, withInvitationDefaults } from './invitation-defaults';
import { groupsNotOffered } from './offered-groups';
import { ApprovalReason, InvitationRequest, transition } from './invitation-request';
import { domainAllowed, domainMatches, redirectUrlAllowed } from './policy';
import { Requester } from './requester';
import { AddressAlreadyRequestedError, Versioned } from './request-repository';
import { validateInvitation } from './validate-invitation';

export type RefusalReason =
  | 'notAnInviter'
  | 'memberRequiresAdmin'
  | 'domainNotAllowed'
  | 'redirectUrlNotAllowed'
  | 'dailyQuotaReached'
  | 'groupNotOffered';

export type SubmitOutcome =
  | { kind: 'invalid'; problems: ValidationProblem[] }
  | { kind: 'refused'; reason: RefusalReason; params?: Record<string, string | number> }
  | { kind: 'internalAddress'; email: string; domain: string }
  | { kind: 'alreadyExists'; email: string; users: DirectoryUser[] }
  /**
   * Another request for the address is still open (pending approval, approved, inviting): `request` is that one,
   * so the person learns who asked and when. `yours` when it is their own.
   */
  | { kind: 'alreadyRequested'; email: string; request: InvitationRequest; yours: boolean }
  /** `route`: who was asked to decide, or that nobody could be, as the requester is told at once. */
  | { kind: 'pendingApproval'; request: InvitationRequest; route: ApprovalRoute }
  | { kind: 'invited'; request: InvitationRequest; redeemUrl?: string }
  /** The request was cancelled while it waited for its share of a bulk run's Graph budget: nothing was sent. */
  | { kind: 'closed'; request: InvitationRequest }
  | { kind: 'failed'; request?: InvitationRequest; error: DirectoryError };

/**
 * Someone asks for a guest invitation: check the input, the policy and the directory, record the request, then
 * either invite right away or ask the approvers.
 */
export async function submitInvitation(
  ctx: InvitationContext,
  draft: InvitationDraft,
  requester: Requester,
  options: { groupIds?: string[]; replyTo?: string; turn?: InviteOptions['turn'] } = {},
): Promise<SubmitOutcome> {
  const withDefaults = withInvitationDefaults(invitationDefaults(ctx), draft, requester);
  const validation = validateInvitation(withDefaults, effectiveLimits(ctx), { access: ctx.policy.access, now: ctx.clock.now() });
  if (!validation.ok) return { kind: 'invalid', problems: validation.problems };
  const { invitation, accessEndsAt } = validation;

  const refusal = await checkPolicy(ctx, invitation, requester);
  if (refusal) return refusal;
  // Transports resolve names to offered ids; this guards against a forged card submission all the same.
  const notOffered = groupsNotOffered(ctx.policy, options.groupIds ?? []);
  if (notOffered.length > 0) return { kind: 'refused', reason: 'groupNotOffered', params: { groups: notOffered.join(', ') } };

  try {
    if (await ctx.verifiedDomains.includes(invitation.domain)) {
      return { kind: 'internalAddress', email: invitation.email, domain: invitation.domain };
    }
    const existing = await ctx.directory.findUsersByEmail(invitation.email);
    if (existing.length > 0) return { kind: 'alreadyExists', email: invitation.email, users: existing };
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }

  const reasons = approvalReasons(ctx, invitation, await ctx.access.isAdmin(requester));
  // With nothing to wait for (no approval, no share of a bulk run's budget), the request is recorded already
  // claimed for its invitation: the same transitions as a claim right after, in one write instead of two.
  const claimAtOnce = reasons.length === 0 && options.turn === undefined;
  let recorded: Versioned<InvitationRequest>;
  try {
    recorded = await recordRequest(ctx, invitation, requester, reasons, { ...options, accessEndsAt, claimAtOnce });
  } catch (error) {
    if (!(error instanceof AddressAlreadyRequestedError)) throw error;
    const yours = error.holder.requester.id.toLowerCase() === requester.id.toLowerCase();
    return { kind: 'alreadyRequested', email: invitation.email, request: error.holder, yours };
  }
  const request = recorded.value;

  if (request.state === 'pendingApproval') {
    const asked = await askForApproval(ctx, request);
    return { kind: 'pendingApproval', request: asked.request, route: asked.route };
  }
  // The directory was checked a moment ago, above: no second lookup.
  const result =
    request.state === 'inviting'
      ? await invite(ctx, request, { recheckDirectory: false }, recorded.etag)
      : await carryOutInvitation(ctx, recorded, { recheckDirectory: false, turn: options.turn });
  if (result.kind === 'failed') return { kind: 'failed', request: result.request, error: result.error };
  if (result.kind === 'invited') return { kind: 'invited', request: result.request, redeemUrl: result.redeemUrl };
  return whileItWaited(result.request, requester);
}

/**
 * What became of a request another hand moved on while it waited for its turn in a bulk run's budget: invited,
 * still being invited, or failed by another instance's resumption (see housekeeping), or cancelled with nothing
 * sent. An `approved` request can become nothing else.
 */
function whileItWaited(request: InvitationRequest, requester: Requester): SubmitOutcome {
  switch (request.state) {
    case 'invited':
      return { kind: 'invited', request };
    case 'failed': {
      const { errorKind = 'unknown', errorMessage = 'The invitation failed', graphRequestId, retryable } = request.result ?? {};
      return { kind: 'failed', request, error: new DirectoryError(errorKind, errorMessage, graphRequestId, retryable) };
    }
    case 'approved':
    case 'inviting':
    case 'pendingApproval': {
      const yours = request.requester.id.toLowerCase() === requester.id.toLowerCase();
      return { kind: 'alreadyRequested', email: request.invitation.email, request, yours };
    }
    default:
      return { kind: 'closed', request };
  }
}

async function checkPolicy(
  ctx: InvitationContext,
  invitation: ValidInvitation,
  requester: Requester,
): Promise<SubmitOutcome | undefined> {
  const { policy, access } = ctx;
  if (!(await access.mayInvite(requester))) return { kind: 'refused', reason: 'notAnInviter' };
  const isAdmin = await access.isAdmin(requester);
  // Without admins in the policy nobody could approve a Member invitation: refuse it now rather than let it expire.
  const adminsExist = policy.admins.users.length > 0 || policy.admins.groups.length > 0;
  if (invitation.userType === 'Member' && !isAdmin && !adminsExist) return { kind: 'refused', reason: 'memberRequiresAdmin' };
  if (!domainAllowed(policy.domains, invitation.domain)) {
    return { kind: 'refused', reason: 'domainNotAllowed', params: { domain: invitation.domain } };
  }
  if (!redirectUrlAllowed(policy.redirectUrls.allowed, invitation.redirectUrl)) {
    return { kind: 'refused', reason: 'redirectUrlNotAllowed', params: { url: invitation.redirectUrl } };
  }
  if (!isAdmin) {
    const since = startOfUtcDay(ctx.clock.now());
    const count = await ctx.requests.countCreatedSince(requester.id, since);
    if (count >= policy.dailyQuotaPerRequester) {
      return { kind: 'refused', reason: 'dailyQuotaReached', params: { limit: policy.dailyQuotaPerRequester } };
    }
  }
  return undefined;
}

function approvalReasons(ctx: InvitationContext, invitation: ValidInvitation, requesterIsAdmin: boolean): ApprovalReason[] {
  const { approval } = ctx.policy;
  const reasons: ApprovalReason[] = [];
  if (approval.rule === 'always') reasons.push('always');
  if (
    approval.rule === 'untrustedDomains' &&
    !approval.trustedDomains.some((pattern) => domainMatches(pattern, invitation.domain))
  ) {
    reasons.push('untrustedDomain');
  }
  // A Member gets an employee's rights: when anyone but an admin asks, an admin must approve.
  if (invitation.userType === 'Member' && !requesterIsAdmin) reasons.push('memberInvitation');
  return reasons;
}

async function recordRequest(
  ctx: InvitationContext,
  invitation: ValidInvitation,
  requester: Requester,
  reasons: ApprovalReason[],
  { groupIds, replyTo, accessEndsAt, claimAtOnce }: { groupIds?: string[]; replyTo?: string; accessEndsAt?: string; claimAtOnce: boolean },
): Promise<Versioned<InvitationRequest>> {
  const now = ctx.clock.now();
  const state = reasons.length > 0 ? 'pendingApproval' : 'approved';
  const request: InvitationRequest = {
    id: ctx.newRequestId(),
    tenantId: ctx.tenantId,
    requester,
    invitation,
    state,
    createdAt: now.toISOString(),
    expiresAt:
      state === 'pendingApproval'
        ? new Date(now.getTime() + ctx.policy.requestExpiryHours * 3_600_000).toISOString()
        : undefined,
    approval: reasons.length > 0 ? { reasons, adminOnly: reasons.includes('memberInvitation') } : undefined,
    replyTo,
    // Decided now, also for a request that waits for approval: approvers see the end date they approve.
    ...(accessEndsAt ? { access: { endsAt: accessEndsAt } } : {}),
    groupIds: groupIds && groupIds.length > 0 ? groupIds : undefined,
    transitions: [
      { from: null, to: state, at: now.toISOString(), by: { id: requester.id, displayName: requester.displayName }, instance: ctx.instances?.id },
    ],
  };
  const toStore = claimAtOnce ? transition(request, 'inviting', now, { instance: ctx.instances?.id }) : request;
  // The store refuses a second open request for the address, atomically (AddressAlreadyRequestedError).
  const created = await ctx.requests.create(toStore);
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'request.created',
    requestId: request.id,
    actor: { id: requester.id, displayName: requester.displayName },
    subject: invitation.email,
    details: {
      state,
      userType: invitation.userType,
      emailSent: invitation.sendEmail,
      approvalReasons: reasons.join(',') || null,
      accessEndsAt: accessEndsAt ?? null,
    },
  });
  return created;
}

function startOfUtcDay(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

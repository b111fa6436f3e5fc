import type { AccessControl } from './access-control';
import { InvitationRequest } from './invitation-request';
import { sameObjectId } from './object-id';
import { InvitationPolicy, Principals } from './policy';
import { Requester } from './requester';

/** What about a request decides who may decide it. */
export interface DecisionScope {
  /** Member invitations and the like: only admins decide. */
  adminOnly: boolean;
  /** Nobody decided in time: the fallback approvers may decide too. */
  escalated: boolean;
}

export function decisionScopeOf(request: InvitationRequest): DecisionScope {
  return { adminOnly: request.approval?.adminOnly ?? false, escalated: request.approval?.escalatedAt !== undefined };
}

/**
 * The principals who may decide a request of this scope: admins always; approvers unless it is admin-only; the
 * fallback approvers once it is escalated (and not admin-only). Admins come first: most checks end there.
 */
export function decidingPrincipals(policy: InvitationPolicy, scope: DecisionScope): Principals[] {
  if (scope.adminOnly) return [policy.admins];
  return [policy.admins, policy.approvers, ...(scope.escalated && policy.fallbackApprovers ? [policy.fallbackApprovers] : [])];
}

/**
 * Whether `person` may decide `request`: never their own, and only if their account may act at all and the
 * policy names them for the request's scope. The approval card's buttons, the list of requests to decide, the
 * decision itself and the card's refresh list all ask this.
 */
export async function mayDecideRequest(access: Pick<AccessControl, 'mayDecide'>, person: Requester, request: InvitationRequest): Promise<boolean> {
  if (sameObjectId(request.requester.id, person.id)) return false;
  const { adminOnly, escalated } = decisionScopeOf(request);
  return access.mayDecide(person, adminOnly, escalated);
}

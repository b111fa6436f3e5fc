import { DirectoryErrorKind } from './directory-error';
import { ValidationProblem } from './invitation-draft';
import { InvitationRequest, RequestState } from './invitation-request';
import { RefusalReason, SubmitOutcome } from './submit-invitation';

/**
 * One invitation's outcome flattened to plain data, for the places that report many at once or to scripts
 * (bulk runs, the result file, the command line). Built only from `SubmitOutcome`, so it can never disagree
 * with what the bot shows for the same request.
 */
export type InvitationOutcomeKind =
  | 'invited'
  | 'pendingApproval'
  | 'alreadyExists'
  | 'alreadyRequested'
  | 'internal'
  | 'refused'
  | 'invalid'
  | 'closed'
  | 'failed';

export interface InvitationOutcomeSummary {
  kind: InvitationOutcomeKind;
  email?: string;
  requestId?: string;
  /** The invited guest, or the first existing user with the address. */
  userId?: string;
  /** When the guest's access ends, as decided on the request; none: it does not end by itself. */
  accessEndsAt?: string;
  /** Only when the email was withheld; whoever holds it can redeem the invitation. */
  redeemUrl?: string;
  /**
   * Invited with the email withheld. With no `redeemUrl` beside it, GuestPass resumed the request while the row
   * waited, and sends the link to the requester instead.
   */
  emailWithheld?: boolean;
  refusal?: { reason: RefusalReason; params?: Record<string, string | number> };
  problems?: ValidationProblem[];
  error?: { kind: DirectoryErrorKind; retryable: boolean; graphRequestId?: string };
  /** For `closed`: what the request became before its invitation was sent (cancelled). */
  closedAs?: RequestState;
  /** The request still open for the address (`requestId` is its id): who asked, when, and whether it was this requester. */
  openRequest?: { requesterId: string; requesterName: string; createdAt: string; state: RequestState; yours: boolean };
}

/**
 * Outcomes a second attempt would not change: a re-run of the same file skips these rows. A request cancelled while
 * it waited (`closed`) was someone's decision: running the file again does not undo it.
 */
export const SETTLED_OUTCOMES: readonly InvitationOutcomeKind[] = ['invited', 'pendingApproval', 'alreadyExists', 'internal', 'closed'];

/**
 * Failures that say nothing about the row and everything about the set-up (no token, a missing Graph
 * permission): every later row would fail the same way, so a bulk run stops at the first one.
 */
export const SET_UP_FAILURES: readonly DirectoryErrorKind[] = [
  'authenticationFailed',
  'insufficientPrivileges',
  // Delegated mode: the person may not invite, or is not signed in; every further row would fail the same way.
  'inviterNotAllowed',
  'signInRequired',
];

export function summarizeOutcome(outcome: SubmitOutcome): InvitationOutcomeSummary {
  switch (outcome.kind) {
    case 'invalid':
      return { kind: 'invalid', problems: outcome.problems };
    case 'refused':
      return { kind: 'refused', refusal: { reason: outcome.reason, params: outcome.params } };
    case 'internalAddress':
      return { kind: 'internal', email: outcome.email };
    case 'alreadyExists':
      return { kind: 'alreadyExists', email: outcome.email, userId: outcome.users[0]?.id };
    case 'alreadyRequested': {
      const { request, yours } = outcome;
      return {
        kind: 'alreadyRequested',
        email: outcome.email,
        requestId: request.id,
        openRequest: {
          requesterId: request.requester.id,
          requesterName: request.requester.displayName,
          createdAt: request.createdAt,
          state: request.state,
          yours,
        },
      };
    }
    case 'pendingApproval':
      return { kind: 'pendingApproval', email: outcome.request.invitation.email, requestId: outcome.request.id, ...accessEnd(outcome.request) };
    case 'invited':
      return {
        kind: 'invited',
        email: outcome.request.invitation.email,
        requestId: outcome.request.id,
        userId: outcome.request.result?.userId,
        ...accessEnd(outcome.request),
        redeemUrl: outcome.redeemUrl,
        ...(outcome.request.invitation.sendEmail ? {} : { emailWithheld: true }),
      };
    case 'closed':
      return { kind: 'closed', email: outcome.request.invitation.email, requestId: outcome.request.id, closedAs: outcome.request.state };
    case 'failed':
      return {
        kind: 'failed',
        email: outcome.request?.invitation.email,
        requestId: outcome.request?.id,
        error: { kind: outcome.error.kind, retryable: outcome.error.retryable, graphRequestId: outcome.error.requestId },
      };
  }
}

function accessEnd(request: InvitationRequest): { accessEndsAt?: string } {
  return request.access ? { accessEndsAt: request.access.endsAt } : {};
}

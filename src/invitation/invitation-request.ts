import { ValidInvitation } from './invitation-draft';
import { Requester } from './requester';
import { DirectoryErrorKind } from './directory-error';

/**
 * The life of one invitation request:
 *
 *   pendingApproval ──approve──▶ approved ──▶ inviting ──▶ invited
 *         │  │                                   │
 *         │  └─reject──▶ rejected                └──────▶ failed
 *         ├─expire──▶ expired
 *         └─cancel──▶ cancelled
 *
 * A request that needs no approval starts at `approved`. `inviting` is written before Graph is called, so a
 * process that stops mid-way leaves a trace the recovery job resumes from (re-inviting the same address is
 * idempotent in Entra: it returns the same user).
 */
export type RequestState =
  | 'pendingApproval'
  | 'approved'
  | 'inviting'
  | 'invited'
  | 'failed'
  | 'rejected'
  | 'expired'
  | 'cancelled';

export const FINAL_STATES: readonly RequestState[] = ['invited', 'failed', 'rejected', 'expired', 'cancelled'];

/** While a request is in one of these, no other request for its address may be open (see RequestRepository). */
export const OPEN_STATES: readonly RequestState[] = ['pendingApproval', 'approved', 'inviting'];

export function isOpen(state: RequestState): boolean {
  return OPEN_STATES.includes(state);
}

const ALLOWED_TRANSITIONS: Record<RequestState, readonly RequestState[]> = {
  pendingApproval: ['approved', 'rejected', 'expired', 'cancelled'],
  approved: ['inviting', 'cancelled'],
  inviting: ['invited', 'failed'],
  invited: [],
  failed: ['inviting'],
  rejected: [],
  expired: [],
  cancelled: [],
};

export function canTransition(from: RequestState, to: RequestState): boolean {
  return ALLOWED_TRANSITIONS[from].includes(to);
}

export interface Actor {
  id: string;
  displayName: string;
}

export interface StateTransition {
  from: RequestState | null;
  to: RequestState;
  at: string;
  by?: Actor;
  reason?: string;
  /** The process that made it (moves to `approved` and `inviting`), so recovery knows whether it still runs. */
  instance?: string;
}

export type ApprovalReason = 'always' | 'untrustedDomain' | 'memberInvitation';

export interface InvitationRequest {
  /** Short id people can type (`cancel 7KQ2M9XD`). */
  id: string;
  tenantId?: string;
  requester: Requester;
  invitation: ValidInvitation;
  state: RequestState;
  createdAt: string;
  /** After this instant a request still pending approval is expired. */
  expiresAt?: string;
  approval?: {
    reasons: ApprovalReason[];
    /** Only admins may decide (Member invitations). */
    adminOnly: boolean;
    decidedBy?: Actor;
    decidedAt?: string;
    rejectionReason?: string;
    /** Set once the fallback approvers were asked. */
    escalatedAt?: string;
  };
  /** The outcome of the Graph call; never a redeem URL (a credential for the guest's account). */
  result?: {
    userId?: string;
    errorKind?: DirectoryErrorKind;
    errorMessage?: string;
    graphRequestId?: string;
    retryable?: boolean;
    /** One entry per group or team of `groupIds`, once the guest exists: what became of adding them. */
    groups?: GroupAddition[];
  };
  /** What the redemption watcher learnt after the invitation; set once, so the requester is told once. */
  redemption?: {
    /** When Entra says the guest accepted (externalUserStateChangeDateTime), or when GuestPass noticed. */
    acceptedAt?: string;
    /** When the requester was told. */
    notifiedAt?: string;
    /** The guest account no longer exists (deleted): nothing left to watch. */
    goneAt?: string;
  };
  /** Opaque address of the conversation the request came from, so the requester is told there. */
  replyTo?: string;
  /** How long the guest's access lasts, decided when the request was made (requested or the policy's default). */
  access?: { endsAt: string };
  /** Entra group / team ids to add the guest to once invited. */
  groupIds?: string[];
  transitions: StateTransition[];
}

/**
 * Adding the new guest to one group or team. A guest created moments ago is often not on every directory replica
 * yet, so a failed attempt stays `pending` with a time for the next try (the housekeeping job retries it).
 */
export interface GroupAddition {
  id: string;
  kind: 'group' | 'team';
  /** The label from the policy's offered groups, when it had one. */
  displayName?: string;
  state: 'pending' | 'added' | 'alreadyMember' | 'addedToTeamGroup' | 'failed';
  attempts: number;
  nextAttemptAt?: string;
  /** Why the last attempt failed. */
  errorKind?: DirectoryErrorKind;
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly requestId: string,
    readonly from: RequestState,
    readonly to: RequestState,
  ) {
    super(`Request ${requestId} cannot go from ${from} to ${to}`);
    this.name = 'InvalidTransitionError';
  }
}

/** Returns the request moved to `to`, with the transition recorded; refuses moves the state machine forbids. */
export function transition(
  request: InvitationRequest,
  to: RequestState,
  at: Date,
  details: { by?: Actor; reason?: string; instance?: string } = {},
): InvitationRequest {
  if (!canTransition(request.state, to)) throw new InvalidTransitionError(request.id, request.state, to);
  return {
    ...request,
    state: to,
    transitions: [...request.transitions, { from: request.state, to, at: at.toISOString(), ...details }],
  };
}

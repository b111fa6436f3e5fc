import { InvitationRequest } from './invitation-request';

/**
 * The background work a stored request can be waiting for, each with the instant it becomes due:
 *
 * - `expiry`: pending approval, due at `expiresAt`;
 * - `escalation`: pending approval by ordinary approvers and not escalated yet, due from its creation (the caller
 *   asks for those created at least the policy's wait ago);
 * - `groupRetry`: invited, with group additions still pending, due at the earliest next attempt;
 * - `watch`: invited, guest known, neither accepted nor gone: the redemption watcher's (and `pending`'s) guests,
 *   due from its creation (the watcher asks for those created within its window).
 *
 * Stores index requests by these instants (computed here, once), so housekeeping and the watcher read only the
 * requests that have work, however many settled ones the store holds.
 */
export type DueKind = 'expiry' | 'escalation' | 'groupRetry' | 'watch';

export const DUE_KINDS: readonly DueKind[] = ['expiry', 'escalation', 'groupRetry', 'watch'];

/** When `request` is due for `kind` (epoch ms), or undefined when, as it stands, it never will be. */
export function dueAt(request: InvitationRequest, kind: DueKind): number | undefined {
  switch (kind) {
    case 'expiry':
      return request.state === 'pendingApproval' && request.expiresAt ? instant(request.expiresAt) : undefined;
    case 'escalation':
      return request.state === 'pendingApproval' && request.approval && !request.approval.escalatedAt && !request.approval.adminOnly
        ? instant(request.createdAt)
        : undefined;
    case 'groupRetry': {
      if (request.state !== 'invited' || !request.result?.userId) return undefined;
      const pending = (request.result.groups ?? []).filter((group) => group.state === 'pending');
      if (pending.length === 0) return undefined;
      // An addition without a time is due now; the request's creation stands for "long ago".
      return Math.min(...pending.map((group) => instant(group.nextAttemptAt ?? request.createdAt)));
    }
    case 'watch':
      return request.state === 'invited' && request.result?.userId && !request.redemption?.acceptedAt && !request.redemption?.goneAt
        ? instant(request.createdAt)
        : undefined;
  }
}

/** Epoch ms of an ISO instant; an unreadable one is treated as due at once rather than never. */
function instant(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

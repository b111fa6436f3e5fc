import { AuditEntry } from './audit-trail';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { Requester } from './requester';
import { mayDecideRequest } from './who-decides';

/** Requests waiting for a decision that `approver` may make (never their own). */
export async function pendingApprovalsFor(ctx: InvitationContext, approver: Requester, limit = 20): Promise<InvitationRequest[]> {
  const pending = await ctx.requests.list({ states: ['pendingApproval'], limit: 200 });
  const mine: InvitationRequest[] = [];
  for (const { value } of pending) {
    if (await mayDecideRequest(ctx.access, approver, value)) mine.push(value);
    if (mine.length >= limit) break;
  }
  return mine;
}

export async function requestsBy(ctx: InvitationContext, requester: Requester, limit = 20): Promise<InvitationRequest[]> {
  return (await ctx.requests.list({ requesterId: requester.id, limit })).map(({ value }) => value);
}

export type AuditOutcome = { kind: 'entries'; entries: AuditEntry[] } | { kind: 'adminsOnly' };

export const MAX_AUDIT_ENTRIES = 50;

export async function latestAuditEntries(ctx: InvitationContext, by: Requester, count: number): Promise<AuditOutcome> {
  if (!(await ctx.access.isAdmin(by))) return { kind: 'adminsOnly' };
  const bounded = Math.max(1, Math.min(MAX_AUDIT_ENTRIES, Math.floor(count)));
  return { kind: 'entries', entries: await ctx.audit.latest(bounded) };
}

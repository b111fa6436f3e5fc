import { DirectoryError, DirectoryErrorKind } from './directory-error';
import { InvitationContext } from './invitation-context';
import { GroupAddition, InvitationRequest } from './invitation-request';
import { InvitationPolicy } from './policy';
import { updateRequest } from './update-request';

/**
 * Waits after the first failed attempt, then after each further one. Entra documents that a new object can be
 * invisible to other replicas for a while; minutes, not seconds, are what the housekeeping round can offer.
 */
export const GROUP_RETRY_DELAYS_MS = [1, 2, 5, 10, 30, 60].map((minutes) => minutes * 60_000);
export const MAX_GROUP_ATTEMPTS = GROUP_RETRY_DELAYS_MS.length + 1;

/** Failures that may pass: replication ("does not exist"), throttling, outages. Missing rights will not. */
const RETRYABLE: ReadonlySet<DirectoryErrorKind> = new Set(['notFound', 'rejected', 'throttled', 'unavailable', 'unknown']);

/** The additions a request asks for, before any attempt; kind and label come from the policy's offer. */
export function plannedGroupAdditions(request: InvitationRequest, policy: InvitationPolicy, now: Date): GroupAddition[] | undefined {
  if (!request.groupIds || request.groupIds.length === 0) return undefined;
  return request.groupIds.map((id) => {
    const offered = policy.offeredGroups.find((group) => group.id === id);
    return {
      id,
      kind: offered?.kind ?? 'group',
      ...(offered ? { displayName: offered.displayName } : {}),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now.toISOString(),
    };
  });
}

export function groupsSettled(request: InvitationRequest): boolean {
  return (request.result?.groups ?? []).every((group) => group.state !== 'pending');
}

/**
 * Tries every addition of the request that is due, records each outcome on the request, and audits the ones that
 * settled. Adding someone twice is harmless (already a member counts as success), so an overlap with another
 * instance costs a request, never a wrong result.
 */
export async function addGuestToGroups(ctx: InvitationContext, request: InvitationRequest): Promise<InvitationRequest> {
  const userId = request.result?.userId;
  const now = ctx.clock.now();
  const due = (request.result?.groups ?? []).filter(
    (group) => group.state === 'pending' && (!group.nextAttemptAt || new Date(group.nextAttemptAt) <= now),
  );
  if (!userId || due.length === 0) return request;

  const outcomes = new Map<string, GroupAddition>();
  for (const group of due) outcomes.set(group.id, await attempt(ctx, group, userId, now));

  const update = await updateRequest(ctx.requests, request.id, (current) => {
    const groups = current.result?.groups;
    if (!groups) return undefined;
    // Only entries still pending take the new outcome: another writer may have settled one meanwhile.
    const merged = groups.map((group) => (group.state === 'pending' && outcomes.has(group.id) ? outcomes.get(group.id)! : group));
    return { ...current, result: { ...current.result, groups: merged } };
  });
  for (const group of outcomes.values()) {
    if (group.state === 'pending') continue;
    await ctx.audit.append({
      at: now.toISOString(),
      event: group.state === 'failed' ? 'group.member.failed' : 'group.member.added',
      requestId: request.id,
      subject: request.invitation.email,
      details: { groupId: group.id, kind: group.kind, state: group.state, attempts: group.attempts, errorKind: group.errorKind ?? null },
    });
  }
  return update.request;
}

async function attempt(ctx: InvitationContext, group: GroupAddition, userId: string, now: Date): Promise<GroupAddition> {
  const attempts = group.attempts + 1;
  const { nextAttemptAt: _dropped, errorKind: _previous, ...rest } = group;
  try {
    const outcome = await ctx.directory.addMember({ id: group.id, kind: group.kind }, userId);
    return { ...rest, attempts, state: outcome };
  } catch (error) {
    const kind = error instanceof DirectoryError ? error.kind : 'unknown';
    const delay = GROUP_RETRY_DELAYS_MS[attempts - 1];
    if (!RETRYABLE.has(kind) || delay === undefined) return { ...rest, attempts, state: 'failed', errorKind: kind };
    return { ...rest, attempts, state: 'pending', errorKind: kind, nextAttemptAt: new Date(now.getTime() + delay).toISOString() };
  }
}

/**
 * The housekeeping step: retries additions whose time has come and, once a request's additions are all settled,
 * tells the requester how each ended. Returns how many requests it worked on.
 */
export async function retryGroupAdditions(ctx: InvitationContext): Promise<number> {
  const now = ctx.clock.now();
  let worked = 0;
  // Only requests with an addition due (the store's index by next attempt), however many invitations it holds.
  for (const { value } of await ctx.requests.listDue({ kind: 'groupRetry', dueBy: now })) {
    const updated = await addGuestToGroups(ctx, value);
    if (updated === value) continue;
    worked++;
    if (groupsSettled(updated)) await ctx.notifier.tellRequester(updated, { topic: 'groups' });
  }
  return worked;
}

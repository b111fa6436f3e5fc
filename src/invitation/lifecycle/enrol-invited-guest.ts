import { InvitationRequest } from '../invitation-request';
import { normalizeObjectId } from '../object-id';
import { AlreadyExistsError } from '../request-repository';
import { GovernedGuest } from './governed-guest';
import { LifecycleContext } from './lifecycle-context';
import { nextAction } from './next-action';

/**
 * How far back a run looks for invited requests whose guest is not governed yet: enrolment right after the
 * invitation is best effort (the invitation stands if the store fails then), and this catches what it missed.
 */
export const ENROL_CATCH_UP_DAYS = 3;

/**
 * Puts a guest GuestPass just invited under governance: end date from the request, the invitation's message as
 * the reason sponsors see, the requester as sponsor where the cloud has sponsors, and the first due step. A guest
 * already governed is left as it is (enrolling twice is harmless); resolves with the stored record.
 */
export async function enrolInvitedGuest(ctx: LifecycleContext, request: InvitationRequest): Promise<GovernedGuest | undefined> {
  const userId = request.result?.userId;
  // Members are never governed: GuestPass changes guest accounts only.
  if (request.state !== 'invited' || !userId || request.invitation.userType !== 'Guest') return undefined;
  const now = ctx.clock.now();
  const invited = [...request.transitions].reverse().find((step) => step.to === 'invited');
  const draft: GovernedGuest = {
    userId: normalizeObjectId(userId),
    tenantId: request.tenantId ?? ctx.tenantId,
    address: request.invitation.email,
    displayName: request.invitation.displayName,
    requestId: request.id,
    invitedBy: { id: request.requester.id, displayName: request.requester.displayName },
    invitedAt: invited?.at ?? now.toISOString(),
    reason: request.invitation.customMessage,
    sponsorIds: ctx.sponsorsSupported ? [normalizeObjectId(request.requester.id)] : [],
    accessEndsAt: request.access?.endsAt,
    redemption: 'pending',
    state: 'active',
    history: [{ at: now.toISOString(), what: 'enrolled', by: { id: request.requester.id, displayName: request.requester.displayName } }],
  };
  const guest: GovernedGuest = { ...draft, dueAt: nextAction(draft, ctx, now).at };
  try {
    await ctx.guests.create(guest);
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
    return (await ctx.guests.get(guest.userId))?.value;
  }
  await ctx.audit.append({
    at: now.toISOString(),
    event: 'guest.lifecycle.enrolled',
    requestId: request.id,
    subject: guest.address,
    details: { userId: guest.userId, accessEndsAt: guest.accessEndsAt ?? null, sponsors: guest.sponsorIds.length },
  });
  return guest;
}

/**
 * The invite path's hook: enrols the guest when governance is on. Never fails the invitation (the guest exists
 * whatever the store says now); a guest missed here is enrolled by the next run (`enrolMissedInvitations`).
 */
export async function enrolAfterInvitation(ctx: LifecycleContext | undefined, request: InvitationRequest): Promise<void> {
  if (!ctx) return;
  await enrolInvitedGuest(ctx, request).catch(() => undefined);
}

/** Enrols the guests of recently invited requests that are not governed yet; resolves with how many it enrolled. */
export async function enrolMissedInvitations(ctx: LifecycleContext): Promise<GovernedGuest[]> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - ENROL_CATCH_UP_DAYS * 24 * 3_600_000);
  const enrolled: GovernedGuest[] = [];
  for (const { value: request } of await ctx.requests.list({ states: ['invited'], createdAtOrAfter: since })) {
    const userId = request.result?.userId;
    if (!userId || (await ctx.guests.get(normalizeObjectId(userId)))) continue;
    const guest = await enrolInvitedGuest(ctx, request);
    if (guest?.requestId === request.id) enrolled.push(guest);
  }
  return enrolled;
}

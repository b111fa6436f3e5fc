import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { updateRequest } from './update-request';

/** Invitations older than this are no longer watched: after half a year nobody is waiting for the news. */
export const REDEMPTION_WATCH_DAYS = 180;

/** The oldest invitation still watched at `now`. */
export function watchedSince(now: Date): Date {
  return new Date(now.getTime() - REDEMPTION_WATCH_DAYS * 24 * 3_600_000);
}

export interface RedemptionRound {
  /** Requests whose guest was checked. */
  watched: number;
  /** Guests found to have accepted; each requester was told once. */
  accepted: number;
  /** Guests whose account no longer exists. */
  gone: number;
}

/**
 * One look at the guests GuestPass invited that have not accepted yet. The fact is written on the request with a
 * compare-and-swap before the requester is told, so of two overlapping rounds (or a restart mid-round) only one
 * tells them.
 */
export async function noticeRedemptions(ctx: InvitationContext): Promise<RedemptionRound> {
  const now = ctx.clock.now();
  // Only the guests still to accept (the store's watch index), so a round's Graph calls follow them, not the history.
  const watched = (await ctx.requests.listDue({ kind: 'watch', dueFrom: watchedSince(now) })).map(({ value }) => value);
  if (watched.length === 0) return { watched: 0, accepted: 0, gone: 0 };

  const { found, missingIds } = await ctx.directory.getUsersById([...new Set(watched.map((request) => request.result!.userId!))]);
  const acceptedAt = new Map(
    found
      .filter((user) => user.externalUserState === 'Accepted')
      .map((user) => [user.id, (user.externalUserStateChangedAt ?? now).toISOString()]),
  );
  let accepted = 0;
  let gone = 0;
  for (const request of watched) {
    const userId = request.result!.userId!;
    const at = acceptedAt.get(userId);
    if (at) {
      const update = await mark(ctx, request, { acceptedAt: at, notifiedAt: now.toISOString() });
      if (!update) continue;
      accepted++;
      await ctx.audit.append({ at: now.toISOString(), event: 'guest.redeemed', requestId: request.id, subject: request.invitation.email, details: { userId, acceptedAt: at } });
      await ctx.notifier.tellRequester(update, { topic: 'accepted' });
    } else if (missingIds.includes(userId)) {
      if (await mark(ctx, request, { goneAt: now.toISOString() })) gone++;
    }
  }
  return { watched: watched.length, accepted, gone };
}

/** Records what was learnt unless another round already did; returns the updated request only if this one did. */
async function mark(ctx: InvitationContext, request: InvitationRequest, fact: NonNullable<InvitationRequest['redemption']>) {
  const update = await updateRequest(ctx.requests, request.id, (current) =>
    current.redemption?.acceptedAt || current.redemption?.goneAt ? undefined : { ...current, redemption: { ...current.redemption, ...fact } },
  );
  return update.changed ? update.request : undefined;
}

import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { watchedSince } from './notice-redemptions';
import { Requester } from './requester';

/** One of the requester's own invitations whose guest has not redeemed yet. */
export interface OwnPendingGuest {
  request: InvitationRequest;
  user: DirectoryUser;
}

export type PendingGuestsOutcome =
  | {
      kind: 'listed';
      /** Longest waiting first. */
      tenant: DirectoryUser[];
      /** False when the tenant has more pending guests than GuestPass reads at once. */
      complete: boolean;
      mine: OwnPendingGuest[];
    }
  | { kind: 'failed'; error: DirectoryError };

/** How many pending guests are read from the directory at most (a few pages of Graph's 100). */
export const MAX_PENDING_GUESTS = 1000;
/** How many of the requester's own guests still to accept are checked, longest waiting first. */
const MAX_OWN_REQUESTS = 100;

/**
 * Who has not accepted yet: every guest in the tenant still PendingAcceptance (whoever invited them), and apart
 * from that the guests this requester invited through GuestPass that are still waiting.
 */
export async function listPendingGuests(ctx: InvitationContext, requester: Requester): Promise<PendingGuestsOutcome> {
  try {
    const listing = await ctx.directory.listPendingGuests(MAX_PENDING_GUESTS);
    return { kind: 'listed', tenant: oldestFirst(listing.guests), complete: listing.complete, mine: await ownPending(ctx, requester) };
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
}

/** The requester's invitations still to accept, as the redemption watcher sees them (its window, its index). */
async function ownPending(ctx: InvitationContext, requester: Requester): Promise<OwnPendingGuest[]> {
  const since = watchedSince(ctx.clock.now());
  const waiting = (await ctx.requests.listDue({ kind: 'watch', requesterId: requester.id, dueFrom: since, limit: MAX_OWN_REQUESTS })).map(
    ({ value }) => value,
  );
  if (waiting.length === 0) return [];
  // The directory has the last word: the watcher may not have noticed a redemption yet.
  const { found } = await ctx.directory.getUsersById([...new Set(waiting.map((request) => request.result!.userId!))]);
  const pending = new Map(found.filter((user) => user.externalUserState === 'PendingAcceptance').map((user) => [user.id, user]));
  return waiting.flatMap((request) => {
    const user = pending.get(request.result!.userId!);
    return user ? [{ request, user }] : [];
  });
}

function oldestFirst(users: DirectoryUser[]): DirectoryUser[] {
  const since = (user: DirectoryUser) => user.externalUserStateChangedAt?.getTime() ?? Number.MAX_SAFE_INTEGER;
  return [...users].sort((a, b) => since(a) - since(b));
}

import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { parseEmailAddress } from './email-address';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { Versioned } from './request-repository';
import { sameObjectId } from './object-id';

/** A guest as a command names them (by address) or a card button does (by the object id it was rendered for). */
export type GuestRef = { email: string } | { userId: string };

export type GuestLookup =
  | { kind: 'found'; user: DirectoryUser; request?: InvitationRequest }
  | { kind: 'invalidAddress'; text: string }
  | { kind: 'notFound'; query: string }
  /** Several accounts answer to the address: acting on one of them would be a guess. */
  | { kind: 'ambiguous'; query: string; count: number }
  | { kind: 'failed'; error: DirectoryError };

/** Finds the one directory user a lifecycle command is about, with the GuestPass request that invited them. */
export async function findGuest(ctx: InvitationContext, ref: GuestRef): Promise<GuestLookup> {
  let users: DirectoryUser[];
  let query: string;
  try {
    if ('userId' in ref) {
      query = ref.userId;
      users = (await ctx.directory.getUsersById([ref.userId])).found;
    } else {
      const address = parseEmailAddress(ref.email);
      if (!address) return { kind: 'invalidAddress', text: ref.email.slice(0, 80) };
      query = address.value;
      users = await ctx.directory.findUsersByEmail(address.value);
    }
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
  if (users.length === 0) return { kind: 'notFound', query };
  if (users.length > 1) return { kind: 'ambiguous', query, count: users.length };
  const user = users[0]!;
  return { kind: 'found', user, request: await requestThatInvited(ctx, user.id) };
}

/** The request through GuestPass that invited this user, if any (see `inviterOf`): one indexed look-up by guest. */
export async function requestThatInvited(ctx: InvitationContext, userId: string): Promise<InvitationRequest | undefined> {
  return inviterOf(await ctx.requests.list({ guestId: userId, states: ['invited'] }), userId);
}

/**
 * Of `invited` requests, the one that invited `userId`: the FIRST. Whoever asked for a guest owns its new links; a
 * later request that reached the same account (re-inviting an address returns the existing user) must not make its
 * requester the owner, or they could mint a redeem URL for someone else's guest.
 */
export function inviterOf(invited: Versioned<InvitationRequest>[], userId: string): InvitationRequest | undefined {
  let first: InvitationRequest | undefined;
  for (const { value } of invited) {
    if (!sameObjectId(value.result?.userId, userId)) continue;
    // `<=`: lists come newest first, so of two requests made in the same millisecond the one listed last is older.
    if (!first || Date.parse(value.createdAt) <= Date.parse(first.createdAt)) first = value;
  }
  return first;
}

/** The address Entra knows the guest by: their mail, else the first of their other addresses, else what was typed. */
export function guestAddress(user: DirectoryUser, ref: GuestRef): string | undefined {
  return user.mail ?? user.otherMails?.[0] ?? ('email' in ref ? ref.email.trim() : undefined);
}

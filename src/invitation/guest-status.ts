import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { parseEmailAddress } from './email-address';
import { requestThatInvited } from './find-guest';
import { GuestActionRights, guestActionRights } from './guest-action-rights';
import { DirectoryPerson } from './guest-directory-port';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';
import { GovernedGuest } from './lifecycle/governed-guest';
import { normalizeObjectId } from './object-id';
import { Requester } from './requester';

export interface GuestStatus {
  user: DirectoryUser;
  /** The latest request through GuestPass for this user, when there is one: who asked, why, who approved. */
  request?: InvitationRequest;
  /** Entra's sponsors of the guest; undefined when they could not be read (or the cloud has none). */
  sponsors?: DirectoryPerson[];
  /**
   * The guest under lifecycle governance, if governed: its end of access is the truth once a sponsor kept or
   * extended the guest (the request keeps the date first asked for), and its state says disabled or deleted.
   */
  governed?: GovernedGuest;
  /** What the viewer may do to this guest; undefined when no viewer was given. */
  rights?: GuestActionRights;
}

/** How the guests were looked for: by address (the existing-user check) or by the start of the display name. */
export type GuestQuery = { by: 'email'; email: string } | { by: 'name'; name: string };

export type GuestStatusOutcome =
  | { kind: 'invalidAddress'; text: string }
  | { kind: 'nameTooShort'; text: string; min: number }
  | { kind: 'notFound'; query: GuestQuery }
  /** `more` is true when more users matched than are listed. */
  | { kind: 'found'; query: GuestQuery; guests: GuestStatus[]; more: boolean }
  | { kind: 'failed'; error: DirectoryError };

export const MAX_STATUS_MATCHES = 10;
export const MIN_NAME_PREFIX_LENGTH = 2;

/**
 * Anyone may ask what became of a guest: the directory's view, Entra's sponsors, and GuestPass's own record beside
 * it. Text with an `@` is an address; anything else is the start of a display name, which may match several people.
 */
export async function getGuestStatus(ctx: InvitationContext, text: string, viewer?: Requester): Promise<GuestStatusOutcome> {
  const trimmed = text.trim();
  let query: GuestQuery;
  if (trimmed.includes('@')) {
    const address = parseEmailAddress(trimmed);
    if (!address) return { kind: 'invalidAddress', text: trimmed.slice(0, 80) };
    query = { by: 'email', email: address.value };
  } else {
    if (trimmed.length < MIN_NAME_PREFIX_LENGTH) return { kind: 'nameTooShort', text: trimmed, min: MIN_NAME_PREFIX_LENGTH };
    query = { by: 'name', name: trimmed.slice(0, 256) };
  }
  let users: DirectoryUser[];
  try {
    users =
      query.by === 'email'
        ? await ctx.directory.findUsersByEmail(query.email)
        : await ctx.directory.findUsersByDisplayNamePrefix(query.name, MAX_STATUS_MATCHES + 1);
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
  if (users.length === 0) return { kind: 'notFound', query };
  const shown = users.slice(0, MAX_STATUS_MATCHES);
  const guests = await Promise.all(
    shown.map(async (user): Promise<GuestStatus> => {
      const request = await requestThatInvited(ctx, user.id);
      return {
        user,
        request,
        sponsors: await sponsorsOf(ctx, user),
        governed: (await ctx.lifecycle?.guests.get(normalizeObjectId(user.id)))?.value,
        rights: viewer ? await guestActionRights(ctx, viewer, request) : undefined,
      };
    }),
  );
  return { kind: 'found', query, guests, more: users.length > shown.length };
}

/** Sponsors are a nice-to-have on the card: a failure to read them must not hide the status itself. */
async function sponsorsOf(ctx: InvitationContext, user: DirectoryUser): Promise<DirectoryPerson[] | undefined> {
  // Members who were never invited have nobody sponsoring them as a guest; skipping them saves a call each.
  if (!ctx.sponsorsSupported || (user.userType === 'Member' && user.externalUserState === null)) return undefined;
  try {
    return await ctx.directory.listSponsors(user.id);
  } catch (error) {
    if (error instanceof DirectoryError) return undefined;
    throw error;
  }
}

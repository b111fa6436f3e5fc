import { DirectoryError } from './directory-error';
import { DirectoryUser } from './directory-user';
import { parseEmailAddress } from './email-address';
import { InvitationContext } from './invitation-context';
import { InvitationRequest } from './invitation-request';

export interface GuestStatus {
  user: DirectoryUser;
  /** The latest request through GuestPass for this address, when there is one. */
  request?: InvitationRequest;
}

export type GuestStatusOutcome =
  | { kind: 'invalidAddress'; text: string }
  | { kind: 'notFound'; email: string }
  | { kind: 'found'; email: string; guests: GuestStatus[] }
  | { kind: 'failed'; error: DirectoryError };

/** Anyone may ask what became of a guest: the directory's view, with GuestPass's own record beside it. */
export async function getGuestStatus(ctx: InvitationContext, text: string): Promise<GuestStatusOutcome> {
  const address = parseEmailAddress(text);
  if (!address) return { kind: 'invalidAddress', text };
  let users: DirectoryUser[];
  try {
    users = await ctx.directory.findUsersByEmail(address.value);
  } catch (error) {
    if (error instanceof DirectoryError) return { kind: 'failed', error };
    throw error;
  }
  if (users.length === 0) return { kind: 'notFound', email: address.value };
  const requests = await ctx.requests.list({ states: ['invited'] });
  const guests = users.map((user) => ({
    user,
    request: requests.find(({ value }) => value.result?.userId === user.id)?.value,
  }));
  return { kind: 'found', email: address.value, guests };
}

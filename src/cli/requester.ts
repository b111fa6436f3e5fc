import { directoryErrorText } from '../i18n/labels';
import { Translate } from '../i18n';
import { DirectoryError } from '../invitation/directory-error';
import { DirectoryUser } from '../invitation/directory-user';
import { InvitationContext } from '../invitation/invitation-context';
import { normalizeObjectId, sameObjectId } from '../invitation/object-id';
import { Requester } from '../invitation/requester';
import { CliExit, EXIT, exitForDirectoryError } from './exit-codes';

const OBJECT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who runs the command, in the policy's eyes. The command line has no signed-in person the way Teams does, so the
 * operator says who they act as (`--as`); the directory confirms the account and supplies the object id (the
 * guest's sponsor, group checks) and the user principal name (a policy may name people by either).
 */
export async function resolveRequester(ctx: InvitationContext, who: string | undefined, t: Translate): Promise<Requester> {
  const wanted = who?.trim();
  if (!wanted) {
    throw new CliExit(EXIT.usage, t('cli:as.missing'));
  }
  let users: DirectoryUser[];
  try {
    users = OBJECT_ID.test(wanted) ? (await ctx.directory.getUsersById([normalizeObjectId(wanted)])).found : await ctx.directory.findUsersByEmail(wanted);
  } catch (error) {
    if (!(error instanceof DirectoryError)) throw error;
    throw new CliExit(exitForDirectoryError(error.kind), t('cli:as.lookupFailed', { who: wanted, reason: directoryErrorText(t, error.kind) }));
  }
  // findUsersByEmail also matches mail and other addresses: only the account whose UPN or id it is counts.
  const user = users.find((candidate) => sameObjectId(candidate.id, wanted) || candidate.userPrincipalName.toLowerCase() === wanted.toLowerCase());
  if (!user) throw new CliExit(EXIT.usage, t('cli:as.unknown', { who: wanted }));
  const requester: Requester = { id: normalizeObjectId(user.id), displayName: user.displayName || user.userPrincipalName, userPrincipalName: user.userPrincipalName };
  if (user.userType === 'Guest' && !(await ctx.access.mayAct(requester))) throw new CliExit(EXIT.notDone, t('cli:as.guest', { who: wanted }));
  return requester;
}

import { Command } from 'commander';
import { directoryErrorText } from '../../cards/labels';
import { translatorFor } from '../../i18n';
import { DirectoryUser } from '../../invitation/directory-user';
import { listPendingGuests } from '../../invitation/pending-guests';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';
import { userJson } from './status';

/** `guestpass pending`: guests who have not redeemed their invitation, tenant-wide and the operator's own. */
export function registerPending(program: Command, run: Runner): void {
  program
    .command('pending')
    .description('guests who have not accepted their invitation yet: in the whole tenant, and those you invited')
    .option('--mine', 'only the guests you invited through GuestPass')
    .addHelpText('after', '\nExample:\n  guestpass --as admin@contoso.com pending --json')
    .action((options: { mine?: boolean }, command: Command) =>
      run(command, async (session, out) => {
        const outcome = await listPendingGuests(session.services.invitations, await session.requester());
        if (outcome.kind === 'failed') {
          throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(translatorFor('en'), outcome.error.kind));
        }
        const mine = outcome.mine.map(({ user, request }) => ({ ...userJson(user), requestId: request.id }));
        const tenant = options.mine ? [] : outcome.tenant.map(userJson);
        out.result(options.mine ? { mine } : { tenant, complete: outcome.complete, mine }, [
          ...(options.mine ? [] : section('Pending in the tenant (longest waiting first)', outcome.tenant)),
          ...(outcome.complete || options.mine ? [] : ['  (more pending guests exist than GuestPass reads at once)']),
          ...section('Invited by you through GuestPass', outcome.mine.map(({ user }) => user)),
        ]);
        return EXIT.ok;
      }),
    );
}

function section(title: string, users: DirectoryUser[]): string[] {
  const lines = users.map((user) => {
    const since = user.externalUserStateChangedAt?.toISOString().slice(0, 10) ?? 'unknown';
    return `  ${user.mail ?? user.userPrincipalName}  ${user.displayName}  (since ${since}, ${user.id})`;
  });
  return [`${title}: ${users.length}`, ...lines];
}

import { Command } from 'commander';
import { directoryErrorText } from '../../i18n/labels';
import { Translate } from '../../i18n';
import { DirectoryUser } from '../../invitation/directory-user';
import { listPendingGuests } from '../../invitation/pending-guests';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';
import { userJson } from './status';

/** `guestpass pending`: guests who have not redeemed their invitation, tenant-wide and the operator's own. */
export function registerPending(program: Command, run: Runner, t: Translate): void {
  program
    .command('pending')
    .description(t('cli:help.pending.description'))
    .option('--mine', t('cli:help.pending.mine'))
    .addHelpText('after', t('cli:help.pending.after'))
    .action((options: { mine?: boolean }, command: Command) =>
      run(command, async (session, out) => {
        const outcome = await listPendingGuests(session.services.invitations, await session.requester());
        if (outcome.kind === 'failed') {
          throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(out.t, outcome.error.kind));
        }
        const mine = outcome.mine.map(({ user, request }) => ({ ...userJson(user), requestId: request.id }));
        const tenant = options.mine ? [] : outcome.tenant.map(userJson);
        out.result(options.mine ? { mine } : { tenant, complete: outcome.complete, mine }, [
          ...(options.mine ? [] : section(out.t, 'cli:pending.tenant', outcome.tenant)),
          ...(outcome.complete || options.mine ? [] : [out.t('cli:pending.incomplete')]),
          ...section(out.t, 'cli:pending.mine', outcome.mine.map(({ user }) => user)),
        ]);
        return EXIT.ok;
      }),
    );
}

function section(t: Translate, title: string, users: DirectoryUser[]): string[] {
  const lines = users.map((user) => {
    const since = user.externalUserStateChangedAt?.toISOString().slice(0, 10) ?? t('cli:pending.unknownDate');
    return t('cli:pending.guest', { address: user.mail ?? user.userPrincipalName, name: user.displayName, since, id: user.id });
  });
  return [t(title, { count: users.length }), ...lines];
}

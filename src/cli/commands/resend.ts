import { Command } from 'commander';
import { Translate } from '../../i18n';
import { directoryErrorText } from '../../i18n/labels';
import { resendInvitation } from '../../invitation/resend-invitation';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';

/** `guestpass resend <email>`: Entra emails a guest who has not redeemed yet their invitation again. */
export function registerResend(program: Command, run: Runner, t: Translate): void {
  program
    .command('resend')
    .description(t('cli:help.resend.description'))
    .argument('<email>', t('cli:help.resend.email'))
    .addHelpText('after', t('cli:help.resend.after'))
    .action((email: string, _options: unknown, command: Command) =>
      run(command, async (session, out) => {
        const outcome = await resendInvitation(session.services.invitations, await session.requester(), { email });
        switch (outcome.kind) {
          case 'resent':
            out.result({ resent: true, email: outcome.email, userId: outcome.user.id }, [out.t('cli:resend.resent', { email: outcome.email })]);
            return EXIT.ok;
          case 'invalidAddress':
            throw new CliExit(EXIT.usage, out.t('cli:invalidAddress', { text: outcome.text }));
          case 'failed':
            throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(out.t, outcome.error.kind));
          case 'rateLimited':
            out.result({ resent: false, reason: outcome.kind, limit: outcome.scope, nextAt: outcome.nextAt }, [
              out.t(`cli:resend.rateLimited.${outcome.scope}`, { nextAt: outcome.nextAt }),
            ]);
            return EXIT.notDone;
          default:
            out.result({ resent: false, reason: outcome.kind }, [out.t('cli:resend.notResent', { reason: out.t(`cli:resend.reason.${outcome.kind}`) })]);
            return EXIT.notDone;
        }
      }),
    );
}

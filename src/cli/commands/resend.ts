import { Command } from 'commander';
import { directoryErrorText } from '../../cards/labels';
import { translatorFor } from '../../i18n';
import { resendInvitation } from '../../invitation/resend-invitation';
import { CliExit, EXIT, exitForDirectoryError } from '../exit-codes';
import { Runner } from '../program';

/** `guestpass resend <email>`: Entra emails a guest who has not redeemed yet their invitation again. */
export function registerResend(program: Command, run: Runner): void {
  program
    .command('resend')
    .description('send the invitation email again to a guest who has not accepted it yet')
    .argument('<email>', "the guest's email address")
    .addHelpText('after', '\nExample:\n  guestpass --as admin@contoso.com resend jane@fabrikam.com')
    .action((email: string, _options: unknown, command: Command) =>
      run(command, async (session, out) => {
        const outcome = await resendInvitation(session.services.invitations, await session.requester(), { email });
        switch (outcome.kind) {
          case 'resent':
            out.result({ resent: true, email: outcome.email, userId: outcome.user.id }, [`Invitation email sent again to ${outcome.email}.`]);
            return EXIT.ok;
          case 'invalidAddress':
            throw new CliExit(EXIT.usage, `"${outcome.text}" is not an email address.`);
          case 'failed':
            throw new CliExit(exitForDirectoryError(outcome.error.kind), directoryErrorText(translatorFor('en'), outcome.error.kind));
          case 'rateLimited':
            out.result({ resent: false, reason: outcome.kind, limit: outcome.scope, nextAt: outcome.nextAt }, [
              `Not resent: ${outcome.scope === 'guest' ? 'the invitation was emailed to this guest a short while ago' : 'you reached your limit of resends per hour'}; possible again from ${outcome.nextAt}.`,
            ]);
            return EXIT.notDone;
          default:
            out.result({ resent: false, reason: outcome.kind }, [`Not resent: ${REFUSALS[outcome.kind]}`]);
            return EXIT.notDone;
        }
      }),
    );
}

const REFUSALS = {
  notFound: 'nobody in the directory has that address.',
  ambiguous: 'several accounts have that address; resend from the Entra admin center.',
  notAllowed: 'the invitation policy does not let you resend invitations.',
  notInvited: 'that account was never invited (a member or a self-service sign-up).',
  alreadyAccepted: 'the guest has already accepted the invitation.',
} as const;

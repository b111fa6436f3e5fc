import { Command } from 'commander';
import { describeOutcome } from '../../bulk/describe';
import { summarizeOutcome } from '../../invitation/bulk-outcome';
import { InvitationDraft } from '../../invitation/invitation-draft';
import { submitInvitation } from '../../invitation/submit-invitation';
import { exitForOutcome } from '../outcome-exit';
import { Runner } from '../program';

interface InviteOptions {
  email: boolean;
  message?: string;
  cc?: string;
  redirect?: string;
  lang?: string;
  member?: boolean;
}

/** `guestpass invite <email> [name]`: the chat command's options, and the same use case behind it. */
export function registerInvite(program: Command, run: Runner): void {
  program
    .command('invite')
    .description('invite one guest (or ask the approvers, when the policy says so)')
    .argument('<email>', "the guest's email address")
    .argument('[displayName]', 'their display name (quote it if it has spaces)')
    .option('--no-email', 'Entra sends no email; the redeem URL is printed instead (personal to the guest: give it only to them)')
    .option('--message <text>', 'a custom message for the invitation email')
    .option('--cc <email>', 'one more recipient of the invitation email')
    .option('--redirect <url>', 'https page the guest lands on after redeeming')
    .option('--lang <tag>', 'language of the invitation email, e.g. tr-TR')
    .option('--member', 'invite as Member instead of Guest (admins; others need an admin to approve)')
    .addHelpText('after', '\nExample:\n  guestpass --as admin@contoso.com invite jane@fabrikam.com "Jane Doe" --message "Welcome to Falcon"')
    .action((email: string, displayName: string | undefined, options: InviteOptions, command: Command) =>
      run(command, async (session, out) => {
        const draft: InvitationDraft = {
          email,
          displayName,
          customMessage: options.message,
          ccRecipient: options.cc,
          redirectUrl: options.redirect,
          messageLanguage: options.lang,
          sendEmail: options.email,
          userType: options.member ? 'Member' : 'Guest',
        };
        const requester = await session.requester();
        const summary = summarizeOutcome(await submitInvitation(session.services.invitations, draft, requester));
        const { t } = out;
        const outcome = t(`cli:invite.outcome.${summary.kind}`);
        const lines = [t('cli:invite.line', { email: summary.email ?? email, outcome, reason: describeOutcome(t, summary, (iso) => iso) }).trimEnd()];
        if (summary.requestId) lines.push(t('cli:invite.requestId', { id: summary.requestId }));
        if (summary.userId) lines.push(t('cli:invite.guestId', { id: summary.userId }));
        if (summary.redeemUrl) {
          lines.push(t('cli:invite.redeemUrl', { url: summary.redeemUrl }));
          out.note(t('cli:invite.redeemUrlWarning'));
        }
        out.result(summary, lines);
        return exitForOutcome(summary);
      }),
    );
}

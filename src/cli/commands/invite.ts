import { Command } from 'commander';
import { describeOutcome } from '../../bulk/describe';
import { askedLabel } from '../../cards/invitation-result-card';
import { Translate } from '../../i18n';
import { summarizeOutcome } from '../../invitation/bulk-outcome';
import { InvitationDraft, unusedWithoutEmail } from '../../invitation/invitation-draft';
import { SubmitOutcome, submitInvitation } from '../../invitation/submit-invitation';
import { exitForOutcome } from '../outcome-exit';
import { Runner } from '../program';

interface InviteOptions {
  email: boolean;
  message?: string;
  cc?: string;
  redirect?: string;
  lang?: string;
  member?: boolean;
  until?: string;
}

/** Who was asked to decide, or that nobody could be: the requester hears it at once, as in Teams. */
function routeText(t: Translate, { request, route }: Extract<SubmitOutcome, { kind: 'pendingApproval' }>): string {
  const email = request.invitation.email;
  if (route.kind === 'nobody') return t(`cards:result.pendingApproval.nobody.${route.reason}`, { email, expires: request.expiresAt ?? '' });
  const asked = askedLabel(t, request, route.audience);
  return route.passedOver ? t(`cards:result.pendingApproval.passedOver.${route.passedOver}`, { asked: asked.toLowerCase() }) : `${t('cards:result.pendingApproval.decidedBy')}: ${asked}`;
}

/** `guestpass invite <email> [name]`: the chat command's options, and the same use case behind it. */
export function registerInvite(program: Command, run: Runner, t: Translate): void {
  program
    .command('invite')
    .description(t('cli:help.invite.description'))
    .argument('<email>', t('cli:help.invite.email'))
    .argument('[displayName]', t('cli:help.invite.displayName'))
    .option('--no-email', t('cli:help.invite.noEmail'))
    .option('--message <text>', t('cli:help.invite.message'))
    .option('--cc <email>', t('cli:help.invite.cc'))
    .option('--redirect <url>', t('cli:help.invite.redirect'))
    .option('--lang <tag>', t('cli:help.invite.lang'))
    .option('--member', t('cli:help.invite.member'))
    .option('--until <date>', t('cli:help.invite.until'))
    .addHelpText('after', t('cli:help.invite.example'))
    .action((email: string, displayName: string | undefined, options: InviteOptions, command: Command) =>
      run(command, async (session, out) => {
        const { t } = out;
        const draft: InvitationDraft = {
          email,
          displayName,
          customMessage: options.message,
          ccRecipient: options.cc,
          redirectUrl: options.redirect,
          messageLanguage: options.lang,
          sendEmail: options.email,
          userType: options.member ? 'Member' : 'Guest',
          ...(options.until !== undefined ? { accessEnd: { until: options.until } } : {}),
        };
        // Warned before anything is sent: what was typed for an email that will not go out.
        for (const field of unusedWithoutEmail(draft)) out.note(t(`invite.withoutEmail.${field}`));
        const requester = await session.requester();
        const submitted = await submitInvitation(session.services.invitations, draft, requester);
        const summary = summarizeOutcome(submitted);
        const outcome = t(`cli:invite.outcome.${summary.kind}`);
        const lines = [t('cli:invite.line', { email: summary.email ?? email, outcome, reason: describeOutcome(t, summary, (iso) => iso) }).trimEnd()];
        if (submitted.kind === 'pendingApproval') lines.push(routeText(t, submitted));
        if (summary.requestId) lines.push(t('cli:invite.requestId', { id: summary.requestId }));
        if (summary.userId) lines.push(t('cli:invite.guestId', { id: summary.userId }));
        if (summary.accessEndsAt) lines.push(t('cli:invite.accessEnds', { at: summary.accessEndsAt }));
        if (summary.redeemUrl) {
          lines.push(t('cli:invite.redeemUrl', { url: summary.redeemUrl }));
          out.note(t('cli:invite.redeemUrlWarning'));
        }
        out.result(summary, lines);
        return exitForOutcome(summary);
      }),
    );
}

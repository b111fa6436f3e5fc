import { resendInvitation } from '../../invitation/resend-invitation';
import { resendText } from './guest-action-text';
import { CommandHandler } from './handler';
import { replyWithText } from './responses';

/** `resend <email>`: Entra emails a pending guest their invitation again, within the policy's resend limits. */
export const resendCommand: CommandHandler<'resend'> = {
  command: 'resend',
  async handle(turn, command, services) {
    const outcome = await resendInvitation(services.invitations, turn.requester, { email: command.email });
    services.logger.info({ outcome: outcome.kind }, 'resend command');
    await replyWithText(turn.context, resendText(turn.t, outcome, turn.formatDate));
  },
};

import { resendInvitation } from '../../invitation/resend-invitation';
import { resendText } from './guest-action-text';
import { CommandHandler } from './handler';
import { replyWithText } from './responses';

export interface ResendCommand {
  name: 'resend';
  email: string;
}

/** `resend <email>`: Entra emails a pending guest their invitation again, within the policy's resend limits. */
export const resendCommand: CommandHandler<ResendCommand> = {
  command: 'resend',
  trigger: {
    words: ['resend'],
    parse: ({ words }) => (words[0] ? { name: 'resend', email: words[0] } : { name: 'usageError', command: 'resend', problem: 'missingArgument' }),
  },
  help: [{ rank: 80, usage: 'resend EMAIL', descriptionKey: 'help.resend' }],
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, command, services) {
    const outcome = await resendInvitation(services.invitations, turn.requester, { email: command.email });
    services.logger.info({ outcome: outcome.kind }, 'resend command');
    await replyWithText(turn.context, resendText(turn.t, outcome, turn.formatDate));
  },
};

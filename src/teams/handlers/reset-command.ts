import { randomUUID } from 'node:crypto';
import { renderResetConfirmation, resetToken } from '../../cards/reset-confirmation-card';
import { checkReset } from '../../invitation/reset-redemption';
import { resetText } from './guest-action-text';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

export interface ResetCommand {
  name: 'reset';
  email: string;
  newEmail?: string;
}

/**
 * `reset <email> [new email]`: an admin resets a guest's redemption, optionally to another of their addresses.
 * What can be checked is checked first (and said in words); a reset that can go ahead is confirmed on a card.
 */
export const resetCommand: CommandHandler<ResetCommand> = {
  command: 'reset',
  trigger: {
    words: ['reset'],
    parse: ({ words: [email, newEmail] }) => {
      if (!email) return { name: 'usageError', command: 'reset', problem: 'missingArgument' };
      return newEmail ? { name: 'reset', email, newEmail } : { name: 'reset', email };
    },
  },
  help: [{ rank: 100, usage: 'reset EMAIL [NEW-EMAIL]', descriptionKey: 'help.reset' }],
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  // Rare and for admins: help names it, the menus leave room for the everyday commands.
  menu: [],
  async handle(turn, command, services) {
    const checked = await checkReset(services.invitations, turn.requester, { email: command.email }, command.newEmail);
    services.logger.info({ outcome: checked.kind }, 'reset command');
    if (checked.kind !== 'ready') return replyWithText(turn.context, resetText(turn.t, checked));
    const { user } = checked;
    await replyWithCard(
      turn.context,
      renderResetConfirmation(turn.t, {
        email: user.mail ?? command.email,
        userId: user.id,
        query: command.email,
        name: user.displayName,
        once: resetToken(user, randomUUID),
        ...(command.newEmail !== undefined ? { newEmail: checked.email } : {}),
      }),
    );
  },
};

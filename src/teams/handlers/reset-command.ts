import { resetRedemption } from '../../invitation/reset-redemption';
import { resetText } from './guest-action-text';
import { CommandHandler } from './handler';
import { replyWithText } from './responses';

/** `reset <email> [new email]`: an admin resets a guest's redemption, optionally to another of their addresses. */
export const resetCommand: CommandHandler<'reset'> = {
  command: 'reset',
  async handle(turn, command, services) {
    const outcome = await resetRedemption(services.invitations, turn.requester, { email: command.email }, command.newEmail);
    services.logger.info({ outcome: outcome.kind }, 'reset command');
    await replyWithText(turn.context, resetText(turn.t, outcome));
  },
};

import { renderGuestStatus } from '../../cards/guest-status-card';
import { getGuestStatus } from '../../invitation/guest-status';
import { describeDirectoryError } from '../directory-error-text';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

/** `status <email>`: what the directory says about a guest. Anyone may ask. */
export const statusCommand: CommandHandler<'status'> = {
  command: 'status',
  async handle(turn, command, services) {
    const outcome = await getGuestStatus(services.invitations, command.query);
    switch (outcome.kind) {
      case 'invalidAddress':
        return replyWithText(turn.context, turn.t('status.invalidAddress', { text: command.query.slice(0, 80) }));
      case 'notFound':
        return replyWithText(turn.context, turn.t('status.notFound', { email: outcome.email }));
      case 'failed':
        return replyWithText(turn.context, describeDirectoryError(turn.t, outcome.error));
      case 'found':
        return replyWithCard(turn.context, renderGuestStatus(turn.t, outcome, { formatDate: turn.formatDate }));
    }
  },
};

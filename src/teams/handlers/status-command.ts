import { renderGuestStatus } from '../../cards/guest-status-card';
import { getGuestStatus } from '../../invitation/guest-status';
import { describeDirectoryError } from '../../i18n/labels';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

/** `query`: an address, or the start of a display name. */
export interface StatusCommand {
  name: 'status';
  query: string;
}

/**
 * `status <email or name>`: what the directory says about a guest. Anyone may ask; the card's buttons are the
 * ones this person may use on each guest.
 */
export const statusCommand: CommandHandler<StatusCommand> = {
  command: 'status',
  trigger: {
    words: ['status'],
    parse: ({ remainder }) => (remainder ? { name: 'status', query: remainder } : { name: 'usageError', command: 'status', problem: 'missingArgument' }),
  },
  help: [{ rank: 30, usage: 'status EMAIL-OR-NAME', descriptionKey: 'help.status' }],
  audience: 'accountsThatMayAct',
  graphRights: 'looksUp',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, command, services) {
    const outcome = await getGuestStatus(services.invitations, command.query, turn.requester);
    switch (outcome.kind) {
      case 'invalidAddress':
        return replyWithText(turn.context, turn.t('status.invalidAddress', { text: outcome.text }));
      case 'nameTooShort':
        return replyWithText(turn.context, turn.t('status.nameTooShort', { min: outcome.min }));
      case 'notFound':
        return replyWithText(
          turn.context,
          outcome.query.by === 'email'
            ? turn.t('status.notFound', { email: outcome.query.email })
            : turn.t('status.noNameMatch', { name: outcome.query.name }),
        );
      case 'failed':
        return replyWithText(turn.context, describeDirectoryError(turn.t, outcome.error));
      case 'found':
        return replyWithCard(turn.context, renderGuestStatus(turn.t, outcome, { formatDate: turn.formatDate }));
    }
  },
};

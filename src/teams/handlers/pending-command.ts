import { renderPendingGuests } from '../../cards/pending-guests-card';
import { listPendingGuests } from '../../invitation/pending-guests';
import { describeDirectoryError } from '../../i18n/labels';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

export interface PendingCommand {
  name: 'pending';
}

/** `pending`: guests who have not accepted yet, the requester's own first. */
export const pendingCommand: CommandHandler<PendingCommand> = {
  command: 'pending',
  trigger: { words: ['pending'], parse: () => ({ name: 'pending' }) },
  help: [{ rank: 40, usage: 'pending', descriptionKey: 'help.pending' }],
  audience: 'accountsThatMayAct',
  graphRights: 'looksUp',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, _command, services) {
    const outcome = await listPendingGuests(services.invitations, turn.requester);
    if (outcome.kind === 'failed') return replyWithText(turn.context, describeDirectoryError(turn.t, outcome.error));
    const resend = await services.invitations.access.mayInvite(turn.requester);
    await replyWithCard(turn.context, renderPendingGuests(turn.t, outcome, turn.formatDate, { resend }));
  },
};

import { submitInvitation } from '../../invitation/submit-invitation';
import { conversationKey } from '../conversation-keys';
import { renderSubmitOutcome } from '../../cards/invitation-result-card';
import { CommandHandler } from './handler';
import { replyWithCard } from './responses';

/** `invite <email> [display name] [options]`: the text form of an invitation. */
export const inviteCommand: CommandHandler<'invite'> = {
  command: 'invite',
  async handle(turn, command, services) {
    const outcome = await submitInvitation(services.invitations, command.draft, turn.requester, {
      replyTo: conversationKey(turn.context.activity.conversation.id),
    });
    services.logger.info({ outcome: outcome.kind, requestId: 'request' in outcome ? outcome.request?.id : undefined }, 'invite command');
    await replyWithCard(turn.context, renderSubmitOutcome(turn.t, outcome, turn.formatDate));
  },
};

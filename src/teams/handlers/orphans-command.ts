import { CommandHandler } from './handler';
import { orphansCard } from './my-guests-answer';
import { replyWithCard, replyWithText } from './responses';

/** `orphans` (administrators): guests without any sponsor, each with a field to name one. */
export const orphansCommand: CommandHandler<'orphans'> = {
  command: 'orphans',
  async handle(turn, _command, services) {
    if (!services.lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    const card = await orphansCard(turn, services.lifecycle);
    if (!card) return replyWithText(turn.context, turn.t('lifecycle.adminsOnly'));
    await replyWithCard(turn.context, card);
  },
};

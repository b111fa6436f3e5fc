import { CommandHandler } from './handler';
import { orphansCard } from './my-guests-answer';
import { replyWithGuestList } from './guest-list-delivery';
import { replyWithText } from './responses';

/** `orphans` (administrators): guests without any sponsor, each with a field to name one; privately. */
export const orphansCommand: CommandHandler<'orphans'> = {
  command: 'orphans',
  async handle(turn, _command, services) {
    if (!services.lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    const card = await orphansCard(turn, services.lifecycle);
    if (!card) return replyWithText(turn.context, turn.t('lifecycle.adminsOnly'));
    await replyWithGuestList(turn, services, card);
  },
};

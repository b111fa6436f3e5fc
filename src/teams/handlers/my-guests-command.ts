import { CommandHandler } from './handler';
import { myGuestsCard } from './my-guests-answer';
import { replyWithGuestList } from './guest-list-delivery';
import { replyWithText } from './responses';

/** `my guests`: the guests this person sponsors, with their state, end date and last sign-in, and Extend / Remove; privately. */
export const myGuestsCommand: CommandHandler<'myGuests'> = {
  command: 'myGuests',
  async handle(turn, _command, services) {
    if (!services.lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    await replyWithGuestList(turn, services, await myGuestsCard(turn, services.lifecycle));
  },
};

import { CommandHandler } from './handler';
import { myGuestsCard } from './my-guests-answer';
import { replyWithGuestList } from './guest-list-delivery';
import { replyWithText } from './responses';

export interface MyGuestsCommand {
  name: 'myGuests';
}

/** `my guests`: the guests this person sponsors, with their state, end date and last sign-in, and Extend / Remove; privately. */
export const myGuestsCommand: CommandHandler<MyGuestsCommand> = {
  command: 'myGuests',
  trigger: { words: ['my guests'], parse: () => ({ name: 'myGuests' }) },
  help: [{ rank: 70, usage: 'my guests', descriptionKey: 'help.myGuests' }],
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  // The personal menu is full (ten commands): help names it.
  menu: [],
  async handle(turn, _command, services) {
    if (!services.lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    await replyWithGuestList(turn, services, await myGuestsCard(turn, services.lifecycle));
  },
};

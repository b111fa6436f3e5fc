import { CommandHandler } from './handler';
import { orphansCard } from './my-guests-answer';
import { replyWithGuestList } from './guest-list-delivery';
import { replyWithText } from './responses';

export interface OrphansCommand {
  name: 'orphans';
}

/** `orphans` (administrators): guests without any sponsor, each with a field to name one; privately. */
export const orphansCommand: CommandHandler<OrphansCommand> = {
  command: 'orphans',
  trigger: { words: ['orphans'], parse: () => ({ name: 'orphans' }) },
  help: [{ rank: 130, usage: 'orphans', descriptionKey: 'help.orphans' }],
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  // The personal menu is full (ten commands): help names it.
  menu: [],
  async handle(turn, _command, services) {
    if (!services.lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    const card = await orphansCard(turn, services.lifecycle);
    if (!card) return replyWithText(turn.context, turn.t('lifecycle.adminsOnly'));
    await replyWithGuestList(turn, services, card);
  },
};

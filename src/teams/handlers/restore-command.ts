import { renderRestoredGuest } from '../../cards/restored-guest-card';
import { parseEmailAddress } from '../../invitation/email-address';
import { CommandHandler } from './handler';
import { restoreRefusalText } from './lifecycle-text';
import { replyWithCard, replyWithText } from './responses';

/** `days`: how long the restored guest keeps access; none: the policy's default for the guest's domain. */
export interface RestoreCommand {
  name: 'restore';
  email: string;
  days?: number;
}

/** `restore EMAIL [DAYS]` (administrators): a disabled guest can sign in again, with access extended. */
export const restoreCommand: CommandHandler<RestoreCommand> = {
  command: 'restore',
  trigger: {
    words: ['restore'],
    parse: ({ words: [email, daysText] }) => {
      if (!email) return { name: 'usageError', command: 'restore', problem: 'missingArgument' };
      if (!daysText) return { name: 'restore', email };
      const days = Number(daysText);
      return Number.isInteger(days) && days > 0
        ? { name: 'restore', email, days }
        : { name: 'usageError', command: 'restore', problem: 'notANumber', detail: daysText };
    },
  },
  help: [{ rank: 140, usage: 'restore EMAIL [DAYS]', descriptionKey: 'help.restore' }],
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  // The personal menu is full (ten commands): help names it.
  menu: [],
  async handle(turn, command, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    const address = parseEmailAddress(command.email);
    if (!address) return replyWithText(turn.context, turn.t('guestAction.invalidAddress', { text: command.email.slice(0, 320) }));
    const outcome = await lifecycle.useCases.restoreGuest(lifecycle.ctx, { address: address.value, days: command.days, by: turn.requester });
    services.logger.info({ outcome: outcome.kind }, 'restore command');
    if (outcome.kind !== 'restored') return replyWithText(turn.context, restoreRefusalText(turn.t, outcome, address.value));
    await replyWithCard(turn.context, renderRestoredGuest(turn.t, outcome.guest, { formatDate: turn.formatDate, signInsReadable: lifecycle.signInsReadable() }));
  },
};

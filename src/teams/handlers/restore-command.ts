import { renderRestoredGuest } from '../../cards/restored-guest-card';
import { parseEmailAddress } from '../../invitation/email-address';
import { CommandHandler } from './handler';
import { restoreRefusalText } from './lifecycle-text';
import { replyWithCard, replyWithText } from './responses';

/** `restore EMAIL [DAYS]` (administrators): a disabled guest can sign in again, with access extended. */
export const restoreCommand: CommandHandler<'restore'> = {
  command: 'restore',
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

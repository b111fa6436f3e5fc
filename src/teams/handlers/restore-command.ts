import { renderRestoredGuest } from '../../cards/restored-guest-card';
import { parseEmailAddress } from '../../invitation/email-address';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

/** `restore EMAIL [DAYS]` (administrators): a disabled guest can sign in again, with access extended. */
export const restoreCommand: CommandHandler<'restore'> = {
  command: 'restore',
  async handle(turn, command, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return replyWithText(turn.context, turn.t('lifecycle.notSetUp'));
    if (!(await lifecycle.ctx.access.isAdmin(turn.requester))) return replyWithText(turn.context, turn.t('lifecycle.adminsOnly'));
    const address = parseEmailAddress(command.email);
    if (!address) return replyWithText(turn.context, turn.t('guestAction.invalidAddress', { text: command.email.slice(0, 320) }));
    const by = { id: turn.requester.id, displayName: turn.requester.displayName };
    const outcome = await lifecycle.useCases.restoreGuest(lifecycle.ctx, { address: address.value, days: command.days, by });
    services.logger.info({ outcome: (outcome as { kind?: unknown } | undefined)?.kind }, 'restore command');
    const guest = (await lifecycle.ctx.guests.findByAddress(address.value))?.value;
    if (!guest) return replyWithText(turn.context, turn.t('lifecycle.restoreNotFound', { email: address.value }));
    await replyWithCard(turn.context, renderRestoredGuest(turn.t, guest, { formatDate: turn.formatDate, signInsReadable: lifecycle.signInsReadable() }));
  },
};

import { GUEST_EXTEND } from '../../cards/verbs';
import { readKeepDays } from './governed-guest-data';
import { guestButton } from './guest-button';
import { extendText } from './lifecycle-text';
import { myGuestsCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/** `my guests`' Extend: longer access for one guest, within the domain's maximum; the list comes back with the outcome. */
export const guestExtendAction = guestButton<number>({
  verb: GUEST_EXTEND,
  operation: 'guest.extend',
  read(data, turn) {
    const days = readKeepDays(data);
    return days === undefined ? { refusal: turn.t('lifecycle.badDays') } : { input: days };
  },
  async act(late, lifecycle, { userId }, days, services) {
    const outcome = await lifecycle.useCases.extendAccess(lifecycle.ctx, { userId, days, by: late.requester });
    services.logger.info({ outcome: outcome.kind }, 'extend button');
    const note = extendText(late, outcome);
    // Someone who may not act on the guest learns nothing about them, and keeps their card.
    if (outcome.kind !== 'extended' && outcome.kind !== 'notActive') return messageResponse(note.text);
    return cardResponse(await myGuestsCard(late, lifecycle, { userId: outcome.guest.userId, guest: outcome.guest, ...note }));
  },
});

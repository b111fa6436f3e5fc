import { GUEST_REMOVE } from '../../cards/verbs';
import { guestButton } from './guest-button';
import { removeText } from './lifecycle-text';
import { myGuestsCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/** `my guests`' Remove: recorded at once; the next run disables the account under its safety net. */
export const guestRemoveAction = guestButton({
  verb: GUEST_REMOVE,
  operation: 'guest.remove',
  async act(late, lifecycle, { userId }, _input, services) {
    const outcome = await lifecycle.useCases.removeGuest(lifecycle.ctx, { userId, by: late.requester });
    services.logger.info({ outcome: outcome.kind }, 'remove button');
    const note = removeText(late.t, outcome, lifecycle.ctx.policy.lifecycle.enforcement === 'reportOnly');
    if (outcome.kind !== 'removalScheduled' && outcome.kind !== 'notActive') return messageResponse(note.text);
    return cardResponse(await myGuestsCard(late, lifecycle, { userId: outcome.guest.userId, guest: outcome.guest, ...note }));
  },
});

import { renderActionNote } from '../../cards/action-note-card';
import { WITHDRAW } from '../../cards/verbs';
import { guestButton } from './guest-button';
import { withdrawText } from './lifecycle-text';
import { cardResponse, messageResponse } from './responses';

/** The unredeemed reminder's Withdraw: the requester takes the invitation back and the pending account goes. */
export const withdrawAction = guestButton({
  verb: WITHDRAW,
  operation: 'guest.withdraw',
  async act(late, lifecycle, { userId }, _input, services) {
    const outcome = await lifecycle.useCases.withdrawInvitation(lifecycle.ctx, { userId, by: late.requester });
    services.logger.info({ outcome: outcome.kind }, 'withdraw button');
    const { text, refused } = withdrawText(late.t, outcome);
    // Someone else's guest: a message, and the card stays as it was.
    if (outcome.kind === 'notAllowed' || outcome.kind === 'notFound') return messageResponse(text);
    return cardResponse(renderActionNote(late.t, { action: 'other', text, refused }));
  },
});

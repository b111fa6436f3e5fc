import { renderActionNote } from '../../cards/action-note-card';
import { WITHDRAW } from '../../cards/verbs';
import { withdrawInvitation } from '../../invitation/lifecycle/withdraw-invitation';
import { readGuestRef } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { withdrawText } from './lifecycle-text';
import { cardResponse, messageResponse } from './responses';

/** The unredeemed reminder's Withdraw: the requester takes the invitation back and the pending account goes. */
export const withdrawAction: CardActionHandler = {
  verb: WITHDRAW,
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    return services.followUp.answerWithin(turn, 'guest.withdraw', async (late) => {
      const outcome = await withdrawInvitation(lifecycle.ctx, { userId: ref.userId, by: late.requester });
      services.logger.info({ outcome: outcome.kind }, 'withdraw button');
      const text = withdrawText(late.t, outcome);
      if (outcome.kind === 'notYours' || outcome.kind === 'notFound') return messageResponse(text);
      return cardResponse(renderActionNote(late.t, { action: 'other', text, refused: outcome.kind !== 'withdrawn' }));
    });
  },
};

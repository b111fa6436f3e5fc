import { renderActionNote } from '../../cards/action-note-card';
import { WITHDRAW } from '../../cards/verbs';
import { readGuestRef } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { withdrawText } from './lifecycle-text';
import { cardResponse, messageResponse } from './responses';

/** The unredeemed reminder's Withdraw: the requester takes the invitation back and the pending account goes. */
export const withdrawAction: CardActionHandler = {
  verb: WITHDRAW,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    return services.followUp.answerWithin(turn, 'guest.withdraw', async (late) => {
      const outcome = await lifecycle.useCases.withdrawInvitation(lifecycle.ctx, { userId: ref.userId, by: late.requester });
      services.logger.info({ outcome: outcome.kind }, 'withdraw button');
      const { text, refused } = withdrawText(late.t, outcome);
      // Someone else's guest: a message, and the card stays as it was.
      if (outcome.kind === 'notAllowed' || outcome.kind === 'notFound') return messageResponse(text);
      return cardResponse(renderActionNote(late.t, { action: 'other', text, refused }));
    });
  },
};

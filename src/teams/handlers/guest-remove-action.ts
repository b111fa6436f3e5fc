import { GUEST_REMOVE } from '../../cards/verbs';
import { readGuestRef } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { removeText } from './lifecycle-text';
import { myGuestsCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/** `my guests`' Remove: recorded at once; the next run disables the account under its safety net. */
export const guestRemoveAction: CardActionHandler = {
  verb: GUEST_REMOVE,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    return services.followUp.answerWithin(turn, 'guest.remove', async (late) => {
      const outcome = await lifecycle.useCases.removeGuest(lifecycle.ctx, { userId: ref.userId, by: late.requester });
      services.logger.info({ outcome: outcome.kind }, 'remove button');
      const note = removeText(late.t, outcome, lifecycle.ctx.policy.lifecycle.enforcement === 'reportOnly');
      if (outcome.kind !== 'removalScheduled' && outcome.kind !== 'notActive') return messageResponse(note.text);
      return cardResponse(await myGuestsCard(late, lifecycle, { userId: outcome.guest.userId, guest: outcome.guest, ...note }));
    });
  },
};

import { GUEST_EXTEND } from '../../cards/verbs';
import { readGuestRef, readKeepDays } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { extendText } from './lifecycle-text';
import { myGuestsCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/** `my guests`' Extend: longer access for one guest, within the domain's maximum; the list comes back with the outcome. */
export const guestExtendAction: CardActionHandler = {
  verb: GUEST_EXTEND,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const days = readKeepDays(data);
    if (days === undefined) return messageResponse(turn.t('lifecycle.badDays'));
    return services.followUp.answerWithin(turn, 'guest.extend', async (late) => {
      const outcome = await lifecycle.useCases.extendAccess(lifecycle.ctx, { userId: ref.userId, days, by: late.requester });
      services.logger.info({ outcome: outcome.kind }, 'extend button');
      const note = extendText(late, outcome);
      // Someone who may not act on the guest learns nothing about them, and keeps their card.
      if (outcome.kind !== 'extended' && outcome.kind !== 'notActive') return messageResponse(note.text);
      return cardResponse(await myGuestsCard(late, lifecycle, { userId: outcome.guest.userId, guest: outcome.guest, ...note }));
    });
  },
};

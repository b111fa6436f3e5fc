import { ASSIGN_SPONSOR } from '../../cards/verbs';
import { assignSponsor } from '../../invitation/lifecycle/assign-sponsor';
import { readGuestRef, readSponsorAddress } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { assignSponsorText } from './lifecycle-text';
import { orphansCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/** `orphans`' Assign: an administrator names a sponsor by address; Entra records it, then GuestPass. */
export const assignSponsorAction: CardActionHandler = {
  verb: ASSIGN_SPONSOR,
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const address = readSponsorAddress(data);
    if (address === undefined) return messageResponse(turn.t('lifecycle.badSponsor'));
    return services.followUp.answerWithin(turn, 'guest.assignSponsor', async (late) => {
      const outcome = await assignSponsor(lifecycle.ctx, services.invitations.directory, { userId: ref.userId, sponsorAddress: address, by: late.requester });
      services.logger.info({ outcome: outcome.kind }, 'assign sponsor button');
      const note = assignSponsorText(late.t, outcome);
      if (outcome.kind === 'adminsOnly' || outcome.kind === 'notFound') return messageResponse(note.text);
      const guest = outcome.kind === 'assigned' ? outcome.guest : undefined;
      const card = await orphansCard(late, lifecycle, { userId: ref.userId.toLowerCase(), guest, ...note });
      return card ? cardResponse(card) : messageResponse(note.text);
    });
  },
};

import { ASSIGN_SPONSOR } from '../../cards/verbs';
import { parseEmailAddress } from '../../invitation/email-address';
import { readGuestRef, readSponsorAddress } from './governed-guest-data';
import { CardActionHandler } from './handler';
import { assignSponsorText } from './lifecycle-text';
import { orphansCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/**
 * `orphans`' Assign: an administrator names a sponsor by work address. The address is resolved to one member
 * account (with the app's authority, as approvers are); Entra then records the sponsor, then GuestPass.
 */
export const assignSponsorAction: CardActionHandler = {
  verb: ASSIGN_SPONSOR,
  audience: 'accountsThatMayAct',
  // The guest lifecycle acts with the app's authority, as its runs do: no sign-in in the delegated modes.
  graphRights: 'none',
  async handle(turn, data, services) {
    const lifecycle = services.lifecycle;
    if (!lifecycle) return messageResponse(turn.t('lifecycle.notSetUp'));
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const typed = readSponsorAddress(data);
    if (typed === undefined) return messageResponse(turn.t('lifecycle.badSponsor'));
    const address = parseEmailAddress(typed);
    if (!address) return messageResponse(turn.t('guestAction.invalidAddress', { text: typed }));
    return services.followUp.answerWithin(turn, 'guest.assignSponsor', async (late) => {
      if (!(await lifecycle.ctx.access.isAdmin(late.requester))) return messageResponse(late.t('lifecycle.adminsOnly'));
      const members = (await services.invitations.directory.findUsersByEmail(address.value)).filter((user) => user.userType !== 'Guest');
      const sponsor = members.length === 1 ? members[0]! : undefined;
      const outcome = sponsor
        ? await lifecycle.useCases.assignSponsor(lifecycle.ctx, { userId: ref.userId, sponsorId: sponsor.id, by: late.requester })
        : ({ kind: 'sponsorNotEligible' } as const);
      services.logger.info({ outcome: outcome.kind }, 'assign sponsor button');
      const note = assignSponsorText(late.t, outcome, sponsor?.displayName || address.value);
      if (outcome.kind === 'notAllowed' || outcome.kind === 'notFound') return messageResponse(note.text);
      const guest = outcome.kind === 'assigned' || outcome.kind === 'alreadySponsor' ? outcome.guest : undefined;
      const card = await orphansCard(late, lifecycle, { userId: ref.userId.toLowerCase(), guest, ...note });
      return card ? cardResponse(card) : messageResponse(note.text);
    });
  },
};

import { ASSIGN_SPONSOR } from '../../cards/verbs';
import { parseEmailAddress } from '../../invitation/email-address';
import { readSponsorAddress } from './governed-guest-data';
import { guestButton } from './guest-button';
import { assignSponsorText } from './lifecycle-text';
import { orphansCard } from './my-guests-answer';
import { cardResponse, messageResponse } from './responses';

/**
 * `orphans`' Assign: an administrator names a sponsor by work address. The address is resolved to one member
 * account (with the app's authority, as the lifecycle acts: no sign-in in the delegated modes); Entra then records the sponsor, then GuestPass.
 */
export const assignSponsorAction = guestButton<string>({
  verb: ASSIGN_SPONSOR,
  operation: 'guest.assignSponsor',
  read(data, turn) {
    const typed = readSponsorAddress(data);
    if (typed === undefined) return { refusal: turn.t('lifecycle.badSponsor') };
    const address = parseEmailAddress(typed);
    return address ? { input: address.value } : { refusal: turn.t('guestAction.invalidAddress', { text: typed }) };
  },
  async act(late, lifecycle, { userId }, address, services) {
    if (!(await lifecycle.ctx.access.isAdmin(late.requester))) return messageResponse(late.t('lifecycle.adminsOnly'));
    const members = (await lifecycle.ctx.people.findUsersByEmail(address)).filter((user) => user.userType !== 'Guest');
    const sponsor = members.length === 1 ? members[0]! : undefined;
    const outcome = sponsor
      ? await lifecycle.useCases.assignSponsor(lifecycle.ctx, { userId, sponsorId: sponsor.id, by: late.requester })
      : ({ kind: 'sponsorNotEligible' } as const);
    services.logger.info({ outcome: outcome.kind }, 'assign sponsor button');
    const note = assignSponsorText(late.t, outcome, sponsor?.displayName || address);
    if (outcome.kind === 'notAllowed' || outcome.kind === 'notFound') return messageResponse(note.text);
    const guest = outcome.kind === 'assigned' || outcome.kind === 'alreadySponsor' ? outcome.guest : undefined;
    const card = await orphansCard(late, lifecycle, { userId: userId.toLowerCase(), guest, ...note });
    return card ? cardResponse(card) : messageResponse(note.text);
  },
});

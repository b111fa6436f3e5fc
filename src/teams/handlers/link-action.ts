import { NEW_LINK } from '../../cards/verbs';
import { issueRedeemLink } from '../../invitation/redeem-link';
import { readGuestRef } from './guest-action-data';
import { guestActionRefusalText } from './guest-action-text';
import { CardActionHandler } from './handler';
import { deliverRedeemLink } from './link-delivery';
import { messageResponse } from './responses';

/**
 * The status card's New link button. The invoke's answer replaces nothing (a card answer would be seen by
 * everyone in a shared chat): the link arrives as a message in the asker's personal chat, and the answer says so.
 */
export const linkAction: CardActionHandler = {
  verb: NEW_LINK,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const outcome = await issueRedeemLink(services.invitations, turn.requester, ref);
    services.logger.info({ outcome: outcome.kind }, 'new link button');
    if (outcome.kind !== 'issued') return messageResponse(guestActionRefusalText(turn.t, outcome, 'newLink'));
    switch (await deliverRedeemLink(turn, services, outcome)) {
      case 'here':
        return messageResponse(turn.t('link.sentBelow', { email: outcome.email }));
      case 'privately':
        return messageResponse(turn.t('link.sentPrivately', { name: turn.requester.displayName, email: outcome.email }));
      case 'notDelivered':
        return messageResponse(turn.t('link.notDelivered'));
    }
  },
};

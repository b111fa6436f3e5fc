import { RESET } from '../../cards/verbs';
import { resetRedemption } from '../../invitation/reset-redemption';
import { readGuestRef } from './guest-action-data';
import { resetText } from './guest-action-text';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/** The status card's Reset redemption button: same address, admins only (checked again here, not just on the card). */
export const resetAction: CardActionHandler = {
  verb: RESET,
  async handle(turn, data, services) {
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const outcome = await resetRedemption(services.invitations, turn.requester, ref);
    services.logger.info({ outcome: outcome.kind }, 'reset button');
    return messageResponse(resetText(turn.t, outcome));
  },
};

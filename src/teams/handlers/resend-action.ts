import { RESEND } from '../../cards/verbs';
import { resendInvitation } from '../../invitation/resend-invitation';
import { readGuestRef } from './guest-action-data';
import { resendText } from './guest-action-text';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/** The status card's Resend button; the answer is shown to the person who pressed it, the card stays. */
export const resendAction: CardActionHandler = {
  verb: RESEND,
  async handle(turn, data, services) {
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const outcome = await resendInvitation(services.invitations, turn.requester, ref);
    services.logger.info({ outcome: outcome.kind }, 'resend button');
    return messageResponse(resendText(turn.t, outcome, turn.formatDate));
  },
};

import { renderActionNote } from '../../cards/action-note-card';
import { RESET } from '../../cards/verbs';
import { resetRedemption } from '../../invitation/reset-redemption';
import { readGuestRef } from './guest-action-data';
import { resetText } from './guest-action-text';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/**
 * The status card's Reset redemption button: same address, admins only (checked again by the use case, not just
 * on the card). Anyone else is answered at once; for an admin the card shows the reset under way, then its end.
 */
export const resetAction: CardActionHandler = {
  verb: RESET,
  async handle(turn, data, services) {
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const ctx = services.invitations;
    if (!(await ctx.access.isAdmin(turn.requester))) return messageResponse(resetText(turn.t, { kind: 'adminsOnly' }));
    return services.followUp.answerNow(turn, {
      label: 'reset',
      interim: renderActionNote(turn.t, { action: 'reset', text: turn.t('cards:actionNote.resetting'), working: true }),
      finish: async () => {
        const outcome = await resetRedemption(ctx, turn.requester, ref);
        services.logger.info({ outcome: outcome.kind }, 'reset button');
        return renderActionNote(turn.t, { action: 'reset', text: resetText(turn.t, outcome), refused: outcome.kind !== 'reset' });
      },
      failed: () => renderActionNote(turn.t, { action: 'reset', text: turn.t('errors.unfinished'), refused: true }),
    });
  },
};

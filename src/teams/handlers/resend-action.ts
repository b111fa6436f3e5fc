import { renderActionNote } from '../../cards/action-note-card';
import { RESEND } from '../../cards/verbs';
import { resendInvitation } from '../../invitation/resend-invitation';
import { readGuestRef } from './guest-action-data';
import { refusalText, resendText } from './guest-action-text';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/**
 * The status card's Resend button. Someone who may not invite is answered at once; otherwise the card shows
 * that the resend is under way and, once Graph has answered (which throttling can delay), how it ended.
 */
export const resendAction: CardActionHandler = {
  verb: RESEND,
  async handle(turn, data, services) {
    const ref = readGuestRef(data);
    if (!ref) return messageResponse(turn.t('decision.badRequest'));
    const ctx = services.invitations;
    if (!(await ctx.access.mayInvite(turn.requester))) return messageResponse(refusalText(turn.t, { kind: 'notAllowed' }, 'resend'));
    return services.followUp.answerNow(turn, {
      label: 'resend',
      interim: renderActionNote(turn.t, { action: 'resend', text: turn.t('cards:actionNote.resending'), working: true }),
      finish: async () => {
        const outcome = await resendInvitation(ctx, turn.requester, ref);
        services.logger.info({ outcome: outcome.kind }, 'resend button');
        return renderActionNote(turn.t, { action: 'resend', text: resendText(turn.t, outcome, turn.formatDate), refused: outcome.kind !== 'resent' });
      },
      failed: () => renderActionNote(turn.t, { action: 'resend', text: turn.t('errors.unfinished'), refused: true }),
    });
  },
};

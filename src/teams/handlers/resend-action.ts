import { renderActionNote } from '../../cards/action-note-card';
import { RESEND } from '../../cards/verbs';
import { resendInvitation } from '../../invitation/resend-invitation';
import { readGuestAction } from './guest-action-data';
import { guestActionRefusalText, resendText } from './guest-action-text';
import { guestStatusAnswer } from './guest-status-answer';
import { CardActionHandler } from './handler';
import { messageResponse } from './responses';

/**
 * The status card's Resend button. Someone who may not invite is answered at once; otherwise the card shows
 * that the resend is under way and, once Graph has answered (which throttling can delay), the status card again
 * with how it ended next to the guest it was about.
 */
export const resendAction: CardActionHandler = {
  verb: RESEND,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const action = readGuestAction(data);
    if (!action) return messageResponse(turn.t('decision.badRequest'));
    const ctx = services.invitations;
    if (!(await ctx.access.mayInvite(turn.requester))) return messageResponse(guestActionRefusalText(turn.t, { kind: 'notAllowed' }, 'resend'));
    return services.followUp.answerNow(turn, {
      label: 'resend',
      interim: renderActionNote(turn.t, { action: 'resend', text: turn.t('cards:actionNote.resending'), working: true }),
      finish: async () => {
        const outcome = await resendInvitation(ctx, turn.requester, action.ref);
        services.logger.info({ outcome: outcome.kind }, 'resend button');
        const text = resendText(turn.t, outcome, turn.formatDate);
        return guestStatusAnswer(turn, services, action, { action: 'resend', text, refused: outcome.kind !== 'resent' });
      },
      failed: () => renderActionNote(turn.t, { action: 'resend', text: turn.t('errors.unfinished'), refused: true }),
    });
  },
};

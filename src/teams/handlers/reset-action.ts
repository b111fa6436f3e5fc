import { randomUUID } from 'node:crypto';
import { renderActionNote } from '../../cards/action-note-card';
import { renderResetConfirmation } from '../../cards/reset-confirmation-card';
import { RESET, RESET_CANCEL, RESET_CONFIRM } from '../../cards/verbs';
import { resetRedemption } from '../../invitation/reset-redemption';
import { readGuestAction } from './guest-action-data';
import { resetText } from './guest-action-text';
import { guestStatusAnswer } from './guest-status-answer';
import { CardActionHandler } from './handler';
import { cardResponse, messageResponse } from './responses';

/**
 * The status card's Reset redemption button: admins only (checked again by the use case, not just on the card).
 * A reset emails the guest and ends their access until they redeem again, so it is first confirmed; the answer
 * is the confirmation, in place of the card.
 */
export const resetAction: CardActionHandler = {
  verb: RESET,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const action = readGuestAction(data);
    if (!action) return messageResponse(turn.t('decision.badRequest'));
    if (!(await services.invitations.access.isAdmin(turn.requester))) return messageResponse(resetText(turn.t, { kind: 'adminsOnly' }));
    return cardResponse(
      renderResetConfirmation(turn.t, {
        email: action.email ?? '',
        userId: action.ref.userId,
        query: action.query,
        name: action.name,
        // A Reset button from before buttons carried a token: this confirmation is then its own reset.
        once: action.once ?? `button:${randomUUID()}`,
      }),
    );
  },
};

/**
 * Confirm reset: the card shows the reset under way, then the guest as they now are with the outcome beside
 * them. The token makes it happen once however often Confirm (or a stale Reset and its Confirm) is pressed.
 */
export const resetConfirmAction: CardActionHandler = {
  verb: RESET_CONFIRM,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const action = readGuestAction(data);
    if (!action?.once) return messageResponse(turn.t('decision.badRequest'));
    const ctx = services.invitations;
    if (!(await ctx.access.isAdmin(turn.requester))) return messageResponse(resetText(turn.t, { kind: 'adminsOnly' }));
    return services.followUp.answerNow(turn, {
      label: 'reset',
      interim: renderActionNote(turn.t, { action: 'reset', text: turn.t('cards:actionNote.resetting'), working: true }),
      finish: async () => {
        const outcome = await resetRedemption(ctx, turn.requester, action.ref, action.newEmail, action.once);
        services.logger.info({ outcome: outcome.kind }, 'reset button');
        const refused = outcome.kind !== 'reset' && outcome.kind !== 'alreadyDone';
        return guestStatusAnswer(turn, services, action, { action: 'reset', text: resetText(turn.t, outcome), refused });
      },
      failed: () => renderActionNote(turn.t, { action: 'reset', text: turn.t('errors.unfinished'), refused: true }),
    });
  },
};

/**
 * Cancel on the confirmation: nothing is reset, and the status card comes back when it can be asked again. Cancel
 * never asks for a sign-in: the status card is a courtesy, and where it cannot be read (mode `delegated`, the
 * person's sign-in gone) the note stays in its place.
 */
export const resetCancelAction: CardActionHandler = {
  verb: RESET_CANCEL,
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  async handle(turn, data, services) {
    const action = readGuestAction(data);
    const note = { action: 'reset', text: turn.t('reset.cancelled') } as const;
    if (!action?.query) return cardResponse(renderActionNote(turn.t, note));
    return services.followUp.answerNow(turn, {
      label: 'reset cancelled',
      interim: renderActionNote(turn.t, note),
      finish: () => guestStatusAnswer(turn, services, action, note),
      failed: () => renderActionNote(turn.t, note),
    });
  },
};

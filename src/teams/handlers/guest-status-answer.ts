import { ActionNote, renderActionNote } from '../../cards/action-note-card';
import { renderGuestStatus } from '../../cards/guest-status-card';
import { MAX_PENDING_ENTRIES, renderPendingGuests } from '../../cards/pending-guests-card';
import { getGuestStatus } from '../../invitation/guest-status';
import { listPendingGuests } from '../../invitation/pending-guests';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';
import { GuestAction } from './guest-action-data';

/**
 * The card a guest button's work ends with: the status card it was pressed on, asked again (so it shows the
 * guest's new state), with the outcome inside the entry of the guest it is about; on a card listing several
 * guests the note stands next to the right one. The list of pending guests is shown again the same way. A button
 * without the card's query, or a guest no longer on the card, gets the outcome on its own.
 */
export async function guestStatusAnswer(turn: Turn, services: BotServices, action: GuestAction, note: ActionNote): Promise<object> {
  const alone = () => renderActionNote(turn.t, note);
  if (action.from === 'pending') return pendingGuestsAnswer(turn, services, action, note, alone);
  if (!action.query) return alone();
  const userId = action.ref.userId.toLowerCase();
  try {
    const outcome = await getGuestStatus(services.invitations, action.query, turn.requester);
    const guest = outcome.kind === 'found' ? outcome.guests.find((entry) => entry.user.id.toLowerCase() === userId) : undefined;
    if (outcome.kind !== 'found' || !guest) return alone();
    return renderGuestStatus(turn.t, outcome, { formatDate: turn.formatDate, notes: new Map([[guest.user.id, { text: note.text, refused: note.refused }]]) });
  } catch (error) {
    services.logger.warn({ err: error }, 'status card not shown again');
    return alone();
  }
}

/** The list of pending guests asked again, with the note in the entry of the guest the button was on. */
async function pendingGuestsAnswer(turn: Turn, services: BotServices, action: GuestAction, note: ActionNote, alone: () => object): Promise<object> {
  const userId = action.ref.userId.toLowerCase();
  try {
    const outcome = await listPendingGuests(services.invitations, turn.requester);
    const own = outcome.kind === 'listed' ? outcome.mine.slice(0, MAX_PENDING_ENTRIES).find((entry) => entry.user.id.toLowerCase() === userId) : undefined;
    if (outcome.kind !== 'listed' || !own) return alone();
    const resend = await services.invitations.access.mayInvite(turn.requester);
    const notes = new Map([[own.user.id, { text: note.text, refused: note.refused }]]);
    return renderPendingGuests(turn.t, outcome, turn.formatDate, { resend, notes });
  } catch (error) {
    services.logger.warn({ err: error }, 'pending guests not shown again');
    return alone();
  }
}

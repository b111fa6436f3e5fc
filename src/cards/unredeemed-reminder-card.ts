import { Translate } from '../i18n';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, execute, factSet, heading, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { GovernedGuestActionData, GuestActionData, NEW_LINK, RESEND, WITHDRAW } from './verbs';

export interface UnredeemedReminderView {
  formatDate: FormatDate;
  requestId: string;
  /** When the pending account will be removed if still not redeemed; none: the policy never removes it. */
  removeAt?: string;
}

/**
 * Tells the requester that their guest has not accepted yet, with what they can do about it: Resend (Entra emails
 * the invitation again), New link (sent to them privately, never on this card) or Withdraw (the pending account is
 * removed). Resend and New link are the status card's own buttons, answered by the same handlers.
 */
export function renderUnredeemedReminder(t: Translate, guest: GovernedGuest, view: UnredeemedReminderView): AdaptiveCard {
  const name = guest.displayName || guest.address;
  const guestData = { email: guest.address, userId: guest.userId } satisfies GuestActionData;
  const withdrawData = { userId: guest.userId } satisfies GovernedGuestActionData;
  return adaptiveCard(
    [
      heading(t('cards:reminder.title', { name })),
      textBlock(t('cards:reminder.intro', { name, email: guest.address, at: view.formatDate(guest.invitedAt ?? guest.history[0]?.at ?? '') }), {
        spacing: 'small',
      }),
      ...factSet([
        [t('cards:governed.facts.address'), guest.address],
        [t('cards:governed.facts.invitedAt'), guest.invitedAt ? view.formatDate(guest.invitedAt) : undefined],
        [t('cards:governed.facts.why'), guest.reason],
        [t('cards:reminder.requestId'), view.requestId],
      ]),
      ...(view.removeAt ? [subtle(t('cards:reminder.removeAt', { at: view.formatDate(view.removeAt) }))] : []),
    ],
    [
      execute(t, RESEND, t('cards:guestStatus.resend'), { ...guestData }, { associatedInputs: 'none' }),
      execute(t, NEW_LINK, t('cards:guestStatus.newLink'), { ...guestData }, { associatedInputs: 'none' }),
      execute(t, WITHDRAW, t('cards:reminder.withdraw'), { ...withdrawData }, { style: 'destructive', associatedInputs: 'none' }),
    ],
  );
}

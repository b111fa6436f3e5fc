import { Translate } from '../i18n';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, attention, container, execute, factSet, heading, nestedCard, showCard, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { governedGuestFacts, SignInsReadable } from './governed-guest-facts';
import { GuestNote } from './guest-status-card';
import { KEEP_DAYS_FIELD, listInputId } from './input-ids';
import { keepDaysInput } from './keep-days';
import { GovernedGuestActionData, GUEST_EXTEND, GUEST_REMOVE } from './verbs';

export interface MyGuestsView {
  formatDate: FormatDate;
  signInsReadable: SignInsReadable;
  /** The policy's longest access for each guest (by object id); absent: no limit. */
  maxDaysOf(guest: GovernedGuest): number | undefined;
  /** More guests than the card lists. */
  more: boolean;
  /** Notes by object id: the card shown again after a button, with the outcome in that guest's entry. */
  notes?: ReadonlyMap<string, GuestNote>;
}

/** `my guests`: the guests a person sponsors, each with its state, end date and last sign-in, and Extend / Remove. */
export function renderMyGuests(t: Translate, guests: GovernedGuest[], view: MyGuestsView): AdaptiveCard {
  if (guests.length === 0) return adaptiveCard([heading(t('cards:myGuests.title')), textBlock(t('cards:myGuests.empty'))]);
  return adaptiveCard([
    heading(t('cards:myGuests.title')),
    subtle(t('cards:myGuests.count', { count: guests.length }), { spacing: 'none' }),
    ...guests.map((guest) => entry(t, guest, view)),
    ...(view.more ? [subtle(t('cards:myGuests.more'))] : []),
  ]);
}

function entry(t: Translate, guest: GovernedGuest, view: MyGuestsView): CardElement {
  const note = view.notes?.get(guest.userId);
  const field = listInputId(KEEP_DAYS_FIELD, guest.userId);
  const data = { userId: guest.userId, field } satisfies GovernedGuestActionData;
  const actions =
    guest.state === 'active'
      ? [
          showCard(
            t('cards:myGuests.extend'),
            nestedCard([keepDaysInput(t, field, view.maxDaysOf(guest))], [execute(t, GUEST_EXTEND, t('cards:myGuests.confirmExtend'), { ...data })]),
          ),
          showCard(
            t('cards:myGuests.remove'),
            nestedCard(
              [textBlock(t('cards:myGuests.removeWarning', { name: guest.displayName || guest.address }))],
              [execute(t, GUEST_REMOVE, t('cards:myGuests.confirmRemove'), { userId: guest.userId }, { style: 'destructive', associatedInputs: 'none' })],
            ),
          ),
        ]
      : [];
  return container(
    [
      textBlock(guest.displayName || guest.address, { weight: 'bolder' }),
      ...factSet(governedGuestFacts(t, guest, view.formatDate, view.signInsReadable)),
      ...(note ? [note.refused ? attention(note.text, { spacing: 'small' }) : textBlock(note.text, { spacing: 'small', weight: 'bolder' })] : []),
      ...actionSet(actions),
    ],
    { separator: true },
  );
}

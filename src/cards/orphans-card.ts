import { Translate } from '../i18n';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, attention, container, execute, factSet, heading, nestedCard, showCard, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { governedGuestFacts, SignInsReadable } from './governed-guest-facts';
import { GuestNote } from './guest-status-card';
import { listInputId, SPONSOR_FIELD } from './input-ids';
import { ASSIGN_SPONSOR, GovernedGuestActionData } from './verbs';

export interface OrphansView {
  formatDate: FormatDate;
  signInsReadable: SignInsReadable;
  more: boolean;
  notes?: ReadonlyMap<string, GuestNote>;
}

/** `orphans`, for administrators: guests without any sponsor, each with a field to name one by address. */
export function renderOrphans(t: Translate, guests: GovernedGuest[], view: OrphansView): AdaptiveCard {
  if (guests.length === 0) return adaptiveCard([heading(t('cards:orphans.title')), textBlock(t('cards:orphans.empty'))]);
  return adaptiveCard([
    heading(t('cards:orphans.title')),
    subtle(t('cards:orphans.count', { count: guests.length }), { spacing: 'none' }),
    ...guests.map((guest) => entry(t, guest, view)),
    ...(view.more ? [subtle(t('cards:orphans.more'))] : []),
  ]);
}

function entry(t: Translate, guest: GovernedGuest, view: OrphansView): CardElement {
  const note = view.notes?.get(guest.userId);
  const field = listInputId(SPONSOR_FIELD, guest.userId);
  const data = { userId: guest.userId, field } satisfies GovernedGuestActionData;
  return container(
    [
      textBlock(guest.displayName || guest.address, { weight: 'bolder' }),
      ...factSet([...governedGuestFacts(t, guest, view.formatDate, view.signInsReadable), [t('cards:governed.facts.invitedBy'), guest.invitedBy?.displayName]]),
      ...(note ? [note.refused ? attention(note.text, { spacing: 'small' }) : textBlock(note.text, { spacing: 'small', weight: 'bolder' })] : []),
      ...actionSet(
        guest.state === 'deleted'
          ? []
          : [
              showCard(
                t('cards:orphans.assign'),
                nestedCard(
                  [
                    {
                      type: 'Input.Text',
                      id: field,
                      label: t('cards:orphans.sponsorLabel'),
                      placeholder: t('cards:orphans.sponsorPlaceholder'),
                      style: 'email',
                      maxLength: 320,
                      isRequired: true,
                      errorMessage: t('cards:orphans.sponsorRequired'),
                    },
                  ],
                  [execute(t, ASSIGN_SPONSOR, t('cards:orphans.confirmAssign'), { ...data })],
                ),
              ),
            ],
      ),
    ],
    { separator: true },
  );
}

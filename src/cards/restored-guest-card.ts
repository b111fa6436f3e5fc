import { Translate } from '../i18n';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, factSet, heading, stateLine } from './elements';
import { FormatDate } from './format-date';
import { governedGuestFacts, SignInsReadable } from './governed-guest-facts';

/** The answer to `restore EMAIL`: the guest as they stand now (enabled again, with the new end date). */
export function renderRestoredGuest(t: Translate, guest: GovernedGuest, view: { formatDate: FormatDate; signInsReadable: SignInsReadable }): AdaptiveCard {
  const name = guest.displayName || guest.address;
  const restored = guest.state === 'active';
  return adaptiveCard([
    heading(t('cards:restore.title', { name })),
    ...factSet(governedGuestFacts(t, guest, view.formatDate, view.signInsReadable)),
    stateLine(restored ? t('cards:restore.done', { name }) : t('cards:restore.notDone', { name }), restored ? 'done' : 'problem', { separator: true }),
  ]);
}

import { Translate } from '../../i18n';
import { AssignSponsorOutcome } from '../../invitation/lifecycle/assign-sponsor';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { SponsorDecisionOutcome } from '../../invitation/lifecycle/sponsor-decision';
import { WithdrawOutcome } from '../../invitation/lifecycle/withdraw-invitation';
import { describeDirectoryError } from '../directory-error-text';
import { Turn } from '../turn';

/** The guest lifecycle's outcomes in words, shared by the commands and the buttons. */

export const nameOf = (guest: Pick<GovernedGuest, 'displayName' | 'address'>) => guest.displayName || guest.address;

export function sponsorDecisionText(turn: Pick<Turn, 't' | 'formatDate'>, outcome: SponsorDecisionOutcome): { text: string; refused: boolean } {
  const { t } = turn;
  switch (outcome.kind) {
    case 'extended':
      return { text: t('lifecycle.extended', { name: nameOf(outcome.guest), until: outcome.guest.accessEndsAt ? turn.formatDate(outcome.guest.accessEndsAt) : '' }), refused: false };
    case 'removing':
      return { text: t(outcome.reportOnly ? 'lifecycle.removingReportOnly' : 'lifecycle.removing', { name: nameOf(outcome.guest) }), refused: false };
    case 'notActive':
      return { text: t('lifecycle.notActive', { name: nameOf(outcome.guest), email: outcome.guest.address }), refused: true };
    case 'tooLong':
      return { text: t('lifecycle.tooLong', { maxDays: outcome.maxDays }), refused: true };
    case 'notYours':
      return { text: t('lifecycle.notYours'), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
  }
}

export function assignSponsorText(t: Translate, outcome: AssignSponsorOutcome): { text: string; refused: boolean } {
  switch (outcome.kind) {
    case 'assigned':
      return { text: t('lifecycle.sponsorAssigned', { sponsor: outcome.sponsor.displayName, name: nameOf(outcome.guest) }), refused: false };
    case 'adminsOnly':
      return { text: t('lifecycle.adminsOnly'), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
    case 'invalidAddress':
      return { text: t('guestAction.invalidAddress', { text: outcome.text }), refused: true };
    case 'sponsorNotFound':
      return { text: t('lifecycle.sponsorNotFound', { address: outcome.address }), refused: true };
    case 'failed':
      return { text: describeDirectoryError(t, outcome.error), refused: true };
  }
}

export function withdrawText(t: Translate, outcome: WithdrawOutcome): string {
  switch (outcome.kind) {
    case 'withdrawn':
      return t('lifecycle.withdrawn', { name: nameOf(outcome.guest) });
    case 'notFound':
      return t('lifecycle.notFound');
    case 'notYours':
      return t('lifecycle.withdrawNotYours');
    case 'alreadyAccepted':
      return t('lifecycle.withdrawAccepted', { name: nameOf(outcome.guest) });
    case 'alreadyGone':
      return t('lifecycle.withdrawGone', { name: nameOf(outcome.guest) });
    case 'failed':
      return describeDirectoryError(t, outcome.error);
  }
}

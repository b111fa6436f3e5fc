import { Translate } from '../../i18n';
import { DirectoryError } from '../../invitation/directory-error';
import { GovernedGuest } from '../../invitation/lifecycle/governed-guest';
import { AssignSponsorOutcome } from '../../invitation/lifecycle/assign-sponsor';
import { ExtendOutcome } from '../../invitation/lifecycle/extend-access';
import { RestoreOutcome } from '../../invitation/lifecycle/lifecycle-use-cases';
import { RemoveOutcome } from '../../invitation/lifecycle/remove-guest';
import { WithdrawOutcome } from '../../invitation/lifecycle/withdraw-invitation';
import { describeDirectoryError } from '../../i18n/labels';
import { Turn } from '../turn';

/** The guest lifecycle's outcomes in words, shared by the commands and the buttons. */

export const nameOf = (guest: Pick<GovernedGuest, 'displayName' | 'address'>) => guest.displayName || guest.address;

export interface OutcomeText {
  text: string;
  refused: boolean;
}

export function extendText(turn: Pick<Turn, 't' | 'formatDate'>, outcome: ExtendOutcome): OutcomeText {
  const { t } = turn;
  switch (outcome.kind) {
    case 'extended':
      return { text: t('lifecycle.extended', { name: nameOf(outcome.guest), until: turn.formatDate(outcome.guest.accessEndsAt ?? '') }), refused: false };
    case 'notActive':
      return { text: t('lifecycle.notActive', { name: nameOf(outcome.guest), email: outcome.guest.address }), refused: true };
    case 'tooLong':
      return { text: t('lifecycle.tooLong', { maxDays: outcome.maxDays }), refused: true };
    case 'invalidDays':
      return { text: t('lifecycle.badDays'), refused: true };
    case 'notAllowed':
      return { text: t('lifecycle.notYours'), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
  }
}

export function removeText(t: Translate, outcome: RemoveOutcome, reportOnly: boolean): OutcomeText {
  switch (outcome.kind) {
    case 'removalScheduled':
      return { text: t(reportOnly ? 'lifecycle.removingReportOnly' : 'lifecycle.removing', { name: nameOf(outcome.guest) }), refused: false };
    case 'notActive':
      return { text: t('lifecycle.notActive', { name: nameOf(outcome.guest), email: outcome.guest.address }), refused: true };
    case 'notAllowed':
      return { text: t('lifecycle.notYours'), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
  }
}

export function assignSponsorText(t: Translate, outcome: AssignSponsorOutcome, sponsor: string): OutcomeText {
  switch (outcome.kind) {
    case 'assigned':
    case 'alreadySponsor':
      return { text: t('lifecycle.sponsorAssigned', { sponsor, name: nameOf(outcome.guest) }), refused: false };
    case 'notAllowed':
      return { text: t('lifecycle.adminsOnly'), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
    case 'sponsorNotEligible':
      return { text: t('lifecycle.sponsorNotFound', { address: sponsor }), refused: true };
    case 'failed':
      return { text: directoryFailure(t, outcome.error), refused: true };
  }
}

export function withdrawText(t: Translate, outcome: WithdrawOutcome): OutcomeText {
  switch (outcome.kind) {
    case 'withdrawn':
      return { text: t('lifecycle.withdrawn', { name: nameOf(outcome.guest) }), refused: false };
    case 'alreadyWithdrawn':
      return { text: t('lifecycle.withdrawAlready', { name: nameOf(outcome.guest) }), refused: true };
    case 'notFound':
      return { text: t('lifecycle.notFound'), refused: true };
    case 'notAllowed':
      return { text: t('lifecycle.withdrawNotYours'), refused: true };
    case 'notPending':
      return {
        text: outcome.guest.state === 'deleted' ? t('lifecycle.withdrawGone', { name: nameOf(outcome.guest) }) : t('lifecycle.withdrawAccepted', { name: nameOf(outcome.guest) }),
        refused: true,
      };
    case 'failed':
      return { text: directoryFailure(t, outcome.error), refused: true };
  }
}

/** `restore`'s refusals; a restored guest is answered with its card. */
export function restoreRefusalText(t: Translate, outcome: Exclude<RestoreOutcome, { kind: 'restored' }>, email: string): string {
  switch (outcome.kind) {
    case 'notAllowed':
      return t('lifecycle.adminsOnly');
    case 'notFound':
      return t('lifecycle.restoreNotFound', { email });
    case 'deleted':
      return t('lifecycle.restoreDeleted', { name: nameOf(outcome.guest) });
    case 'notDisabled':
      return t('lifecycle.restoreNotDisabled', { name: nameOf(outcome.guest) });
    case 'notAGuest':
      return t('lifecycle.restoreNotAGuest', { name: nameOf(outcome.guest) });
    case 'tooLong':
      return t('lifecycle.tooLong', { maxDays: outcome.maxDays });
    case 'invalidDays':
      return t('lifecycle.badDays');
    case 'failed':
      return directoryFailure(t, outcome.error);
  }
}

function directoryFailure(t: Translate, error: unknown): string {
  return error instanceof DirectoryError ? describeDirectoryError(t, error) : t('errors.unexpected');
}

import { FormatDate } from '../../cards/format-date';
import { Translate } from '../../i18n';
import { GuestLookup } from '../../invitation/find-guest';
import { GuestActionRefusal, ResendOutcome } from '../../invitation/resend-invitation';
import { ResetCheck, ResetOutcome } from '../../invitation/reset-redemption';
import { describeDirectoryError } from '../../i18n/labels';

/**
 * The guest lifecycle's outcomes in words, shared by the text commands and the status card's buttons so that
 * `resend x` and pressing Resend answer alike.
 */
export function guestActionRefusalText(t: Translate, outcome: GuestActionRefusal, right: 'resend' | 'newLink'): string {
  switch (outcome.kind) {
    case 'invalidAddress':
    case 'notFound':
    case 'ambiguous':
      return lookupText(t, outcome);
    case 'failed':
      return describeDirectoryError(t, outcome.error);
    case 'notAllowed':
      return t(right === 'resend' ? 'guestAction.notAllowedResend' : 'guestAction.notAllowedLink');
    case 'notInvited':
      return t('guestAction.notInvited', { name: outcome.user.displayName });
    case 'alreadyAccepted':
      return t('guestAction.alreadyAccepted', { name: outcome.user.displayName });
  }
}

/** `formatDate` writes when a resend is possible again, in the person's language, as the cards write dates. */
export function resendText(t: Translate, outcome: ResendOutcome, formatDate: FormatDate): string {
  const name = outcome.kind === 'resent' || outcome.kind === 'rateLimited' ? outcome.user.displayName || outcome.email : '';
  if (outcome.kind === 'resent') return t('resend.done', { email: outcome.email, name });
  if (outcome.kind === 'rateLimited') {
    const next = formatDate(outcome.nextAt);
    return outcome.scope === 'guest'
      ? t('resend.guestLimited', { name, email: outcome.email, next })
      : t('resend.requesterLimited', { email: outcome.email, next });
  }
  return guestActionRefusalText(t, outcome, 'resend');
}

export function resetText(t: Translate, outcome: Exclude<ResetCheck, { kind: 'ready' }> | ResetOutcome): string {
  switch (outcome.kind) {
    case 'reset':
      return t('reset.done', { name: outcome.user.displayName || outcome.email, email: outcome.email });
    case 'alreadyDone':
      return t('reset.alreadyDone', { name: outcome.user.displayName || outcome.email });
    case 'adminsOnly':
      return t('reset.adminsOnly');
    case 'notInvited':
      return t('reset.notInvited', { name: outcome.user.displayName });
    case 'addressNotOnAccount':
      return outcome.known.length > 0
        ? t('reset.addressNotOnAccount', { name: outcome.user.displayName, email: outcome.email, known: outcome.known.join(', ') })
        : t('reset.addressNotOnAccountNone', { name: outcome.user.displayName, email: outcome.email });
    case 'failed':
      // Resetting needs more than inviting does: its wording says which permission or role, not only that one is missing.
      return describeDirectoryError(t, outcome.error, 'reset');
    case 'invalidAddress':
    case 'notFound':
    case 'ambiguous':
      return lookupText(t, outcome);
  }
}

/** Why the guest named could not be found, for every lifecycle action alike. */
function lookupText(t: Translate, outcome: Extract<GuestLookup, { kind: 'invalidAddress' | 'notFound' | 'ambiguous' }>): string {
  switch (outcome.kind) {
    case 'invalidAddress':
      return t('guestAction.invalidAddress', { text: outcome.text });
    case 'notFound':
      // A button names the guest by object id: then the account is gone rather than "not invited yet".
      return outcome.query.includes('@') ? t('guestAction.notFound', { query: outcome.query }) : t('guestAction.notFoundById');
    case 'ambiguous':
      return t('guestAction.ambiguous', { count: outcome.count, query: outcome.query });
  }
}

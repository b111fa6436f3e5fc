import { Translate } from '../i18n';
import { GovernedGuest } from '../invitation/lifecycle/governed-guest';
import { FormatDate } from './format-date';

/**
 * Whether the tenant lets GuestPass read last sign-ins (AuditLog.Read.All and Entra ID P1): without it a guest's
 * last sign-in is "not available" rather than "not known", so nobody takes it for a guest who never signed in.
 */
export type SignInsReadable = boolean;

/** A governed guest's state in words: active (or still to accept), blocked, deleted. */
export function governedStateText(t: Translate, guest: GovernedGuest, formatDate: FormatDate): string {
  switch (guest.state) {
    case 'active':
      return t(guest.redemption === 'pending' ? 'cards:governed.state.pending' : 'cards:governed.state.active');
    case 'disabled':
      return guest.deleteAt
        ? t('cards:governed.state.disabledUntil', { at: formatDate(guest.disabledAt ?? guest.deleteAt), deleteAt: formatDate(guest.deleteAt) })
        : t('cards:governed.state.disabled');
    case 'deleted':
      return t('cards:governed.state.deleted', { at: formatDate(guest.deletedAt ?? '') });
  }
}

export function accessEndText(t: Translate, guest: GovernedGuest, formatDate: FormatDate): string {
  return guest.accessEndsAt ? formatDate(guest.accessEndsAt) : t('cards:governed.noEnd');
}

export function lastSignInText(t: Translate, guest: GovernedGuest, formatDate: FormatDate, readable: SignInsReadable): string {
  if (!readable) return t('cards:governed.signInNotAvailable');
  return guest.lastSignInAt ? formatDate(guest.lastSignInAt) : t('cards:governed.signInNotKnown');
}

/** The facts every lifecycle card shows about a guest, in the same words. */
export function governedGuestFacts(t: Translate, guest: GovernedGuest, formatDate: FormatDate, readable: SignInsReadable): [string, string | undefined][] {
  return [
    [t('cards:governed.facts.address'), guest.address],
    [t('cards:governed.facts.state'), governedStateText(t, guest, formatDate)],
    [t('cards:governed.facts.accessEnds'), accessEndText(t, guest, formatDate)],
    [t('cards:governed.facts.lastSignIn'), lastSignInText(t, guest, formatDate, readable)],
  ];
}

import { Translate } from '../i18n';
import { DirectoryUser } from '../invitation/directory-user';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, attention, execute, heading } from './elements';
import { GuestActionData, RESET_CANCEL, RESET_CONFIRM } from './verbs';

/**
 * Names one reset of one guest: the account's invitation state and when it last changed, as the card that offered
 * the reset saw them. Two presses about the same state are the same reset; once the guest is reset (or redeems
 * again) the state changes and a new reset gets a new token. Without a time of change, the token is unique.
 */
export function resetToken(user: Pick<DirectoryUser, 'externalUserState' | 'externalUserStateChangedAt'>, unique: () => string): string {
  const state = (user.externalUserState ?? 'none').replace(/[^A-Za-z0-9]/g, '');
  const changedAt = user.externalUserStateChangedAt?.getTime();
  return changedAt !== undefined && Number.isFinite(changedAt) ? `${state}@${changedAt}` : `${state}:${unique()}`;
}

/** Own keys only: `data` comes from our own rendering, but a key left undefined must not reach the card. */
function defined(data: GuestActionData): Record<string, string> {
  return Object.fromEntries(Object.entries(data).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * Asks before a reset, which cannot be taken back: Microsoft emails the guest a new invitation and their access
 * stops until they redeem it. Confirm carries the reset's token (see `resetToken`), so pressing it twice, or a
 * stale Reset button, never resets twice.
 */
export function renderResetConfirmation(t: Translate, data: GuestActionData & { once: string }): AdaptiveCard {
  const name = data.name || data.email;
  const email = data.newEmail ?? data.email;
  return adaptiveCard(
    [heading(t('cards:resetConfirm.title', { name })), attention(t('cards:resetConfirm.consequences', { email }), { weight: 'bolder' })],
    [
      execute(t, RESET_CONFIRM, t('cards:resetConfirm.confirm'), defined(data), { style: 'destructive', associatedInputs: 'none' }),
      execute(t, RESET_CANCEL, t('cards:resetConfirm.cancel'), defined({ email: data.email, userId: data.userId, query: data.query }), {
        associatedInputs: 'none',
      }),
    ],
  );
}


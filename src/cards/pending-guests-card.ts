import { Translate } from '../i18n';
import { DirectoryUser } from '../invitation/directory-user';
import { OwnPendingGuest, PendingGuestsOutcome } from '../invitation/pending-guests';
import { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { actionSet, adaptiveCard, container, execute, heading, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { GuestNote, noteFor } from './guest-status-card';
import { GuestActionData, RESEND } from './verbs';

/** Entries shown per section; Teams cards stop at about 28 KB, and a chat is no place for a thousand lines. */
export const MAX_PENDING_ENTRIES = 25;

type Listed = Extract<PendingGuestsOutcome, { kind: 'listed' }>;

export interface PendingGuestsOptions {
  /** The viewer may resend: their own guests get a Resend button (the tenant's list stays a list, and small). */
  resend?: boolean;
  /** Notes by object id: the card shown again after a Resend, with the outcome in that guest's entry. */
  notes?: ReadonlyMap<string, GuestNote>;
}

/** Who has not accepted yet: the requester's own invitations first, then every pending guest of the tenant. */
export function renderPendingGuests(t: Translate, outcome: Listed, formatDate: FormatDate, options: PendingGuestsOptions = {}): AdaptiveCard {
  return adaptiveCard([heading(t('cards:pending.title')), ...mine(t, outcome.mine, formatDate, options), ...tenant(t, outcome, formatDate)]);
}

function mine(t: Translate, own: OwnPendingGuest[], formatDate: FormatDate, options: PendingGuestsOptions): CardElement[] {
  const title = textBlock(t('cards:pending.mine.title'), { weight: 'bolder', separator: true });
  if (own.length === 0) return [title, textBlock(t('cards:pending.mine.empty'), { spacing: 'small' })];
  return [
    title,
    subtle(t('cards:pending.mine.count', { count: own.length }), { spacing: 'none' }),
    ...own.slice(0, MAX_PENDING_ENTRIES).map(({ user, request }) =>
      entry(t, user, formatDate, request.id, [
        ...noteFor(options.notes?.get(user.id)),
        ...actionSet(options.resend ? [resendAction(t, user, request.invitation.email)] : []),
      ]),
    ),
    ...more(t, own.length),
  ];
}

function tenant(t: Translate, outcome: Listed, formatDate: FormatDate): CardElement[] {
  const title = textBlock(t('cards:pending.tenant.title'), { weight: 'bolder', separator: true });
  const { tenant: guests, complete } = outcome;
  if (guests.length === 0) return [title, textBlock(t('cards:pending.tenant.empty'), { spacing: 'small' })];
  const count = complete ? t('cards:pending.tenant.count', { count: guests.length }) : t('cards:pending.tenant.atLeast', { count: guests.length });
  return [
    title,
    subtle(`${count} ${t('cards:pending.tenant.order')}`, { spacing: 'none' }),
    ...guests.slice(0, MAX_PENDING_ENTRIES).map((user) => entry(t, user, formatDate)),
    ...more(t, guests.length),
  ];
}

function entry(t: Translate, user: DirectoryUser, formatDate: FormatDate, requestId?: string, extra: CardElement[] = []): CardElement {
  const address = user.mail ?? user.userPrincipalName;
  const since = user.externalUserStateChangedAt ? t('cards:pending.since', { at: formatDate(user.externalUserStateChangedAt) }) : undefined;
  const details = [address, since, requestId ? t('cards:pending.request', { id: requestId }) : undefined].filter(Boolean).join(' · ');
  return container([textBlock(user.displayName, { weight: 'bolder' }), subtle(details, { spacing: 'none' }), ...extra], { spacing: 'small' });
}

function resendAction(t: Translate, user: DirectoryUser, invitedAddress: string): CardAction {
  const data = { email: user.mail ?? invitedAddress, userId: user.id, from: 'pending' } satisfies GuestActionData;
  return execute(t, RESEND, t('cards:guestStatus.resend'), { ...data }, { associatedInputs: 'none' });
}

function more(t: Translate, total: number): CardElement[] {
  return total > MAX_PENDING_ENTRIES ? [subtle(t('cards:pending.more', { count: total - MAX_PENDING_ENTRIES }))] : [];
}

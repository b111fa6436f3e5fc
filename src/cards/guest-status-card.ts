import { Translate } from '../i18n';
import { DirectoryUser } from '../invitation/directory-user';
import { GuestStatus, GuestStatusOutcome } from '../invitation/guest-status';
import { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { directoryUserFacts } from './directory-user-facts';
import { actionSet, adaptiveCard, container, execute, factSet, heading, textBlock } from './elements';
import { FormatDate } from './format-date';
import { GuestActionData, NEW_LINK, RESEND, RESET } from './verbs';

export interface GuestActionFlags {
  resend: boolean;
  newLink: boolean;
  reset: boolean;
}

export interface GuestStatusOptions {
  formatDate: FormatDate;
  /** What the viewer may do; the caller decides from the policy and the viewer's role. */
  actions?: GuestActionFlags;
}

/** What the directory says about the accounts behind an address, with GuestPass's own record beside each. */
export function renderGuestStatus(
  t: Translate,
  outcome: Extract<GuestStatusOutcome, { kind: 'found' }>,
  options: GuestStatusOptions,
): AdaptiveCard {
  const guests: CardElement[] = outcome.guests.map((guest) =>
    container(
      [
        textBlock(guest.user.displayName, { weight: 'bolder' }),
        ...directoryUserFacts(t, guest.user, options.formatDate),
        ...requestFacts(t, guest, options.formatDate),
        ...actionSet(guestActions(t, outcome.email, guest.user, options.actions)),
      ],
      { separator: true },
    ),
  );
  return adaptiveCard([
    heading(t('cards:guestStatus.title', { email: outcome.email })),
    textBlock(t('cards:guestStatus.count', { count: outcome.guests.length }), { spacing: 'small', isSubtle: true }),
    ...guests,
  ]);
}

function requestFacts(t: Translate, { request }: GuestStatus, formatDate: FormatDate) {
  if (!request) return [];
  return factSet([
    [t('cards:guestStatus.invitedBy'), request.requester.displayName],
    [t('cards:guestStatus.requestedAt'), formatDate(request.createdAt)],
    [t('cards:guestStatus.approvedBy'), request.approval?.decidedBy?.displayName],
    [t('cards:guestStatus.requestId'), request.id],
  ]);
}

/**
 * Offers only what makes sense for the account: resending or a new link while the invitation is not redeemed,
 * resetting the redemption once it is. An account Entra never invited (state null) gets nothing.
 */
function guestActions(t: Translate, email: string, user: DirectoryUser, flags: GuestActionFlags | undefined): CardAction[] {
  if (!flags || user.externalUserState === null) return [];
  const data: GuestActionData = { email, userId: user.id };
  const pending = user.externalUserState === 'PendingAcceptance';
  const actions: CardAction[] = [];
  if (flags.resend && pending) actions.push(execute(RESEND, t('cards:guestStatus.resend'), { ...data }, { associatedInputs: 'none' }));
  if (flags.newLink && pending) actions.push(execute(NEW_LINK, t('cards:guestStatus.newLink'), { ...data }, { associatedInputs: 'none' }));
  if (flags.reset && user.externalUserState === 'Accepted') {
    actions.push(execute(RESET, t('cards:guestStatus.reset'), { ...data }, { associatedInputs: 'none', style: 'destructive' }));
  }
  return actions;
}

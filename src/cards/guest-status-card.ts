import { randomUUID } from 'node:crypto';
import { Translate } from '../i18n';
import { DirectoryUser } from '../invitation/directory-user';
import { GuestActionRights } from '../invitation/guest-action-rights';
import { GuestStatus, GuestStatusOutcome } from '../invitation/guest-status';
import { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { directoryUserFacts } from './directory-user-facts';
import { accessEndText, governedStateText } from './governed-guest-facts';
import { actionSet, adaptiveCard, container, execute, factSet, heading, stateLine, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { approvalReasonLabel } from '../i18n/labels';
import { resetToken } from './reset-confirmation-card';
import { GuestActionData, NEW_LINK, RESEND, RESET } from './verbs';

export type GuestActionFlags = GuestActionRights;

/** How a button's work on one guest ended, shown inside that guest's entry. */
export interface GuestNote {
  text: string;
  refused?: boolean;
}

export interface GuestStatusOptions {
  formatDate: FormatDate;
  /** What the viewer may do, for every guest alike; without it each guest's own `rights` apply (none if absent). */
  actions?: GuestActionFlags;
  /** Notes by object id: the card shown again after a button, with the outcome next to the guest it is about. */
  notes?: ReadonlyMap<string, GuestNote>;
  /** Makes a reset token when the account does not say when its state last changed (see reset-confirmation-card). */
  uniqueToken?: () => string;
}

type Found = Extract<GuestStatusOutcome, { kind: 'found' }>;

/** What the directory says about the accounts behind an address or a name, with GuestPass's own record beside each. */
export function renderGuestStatus(t: Translate, outcome: Found, options: GuestStatusOptions): AdaptiveCard {
  const { query } = outcome;
  const queried = query.by === 'email' ? query.email : query.name;
  const uniqueToken = options.uniqueToken ?? randomUUID;
  const guests: CardElement[] = outcome.guests.map((guest) => {
    const data = { email: actionEmail(outcome, guest.user), userId: guest.user.id, query: queried };
    return container(
      [
        textBlock(guest.user.displayName, { weight: 'bolder' }),
        ...noteFor(options.notes?.get(guest.user.id)),
        ...directoryUserFacts(t, guest.user, options.formatDate),
        ...(guest.user.externalUserState === null ? [subtle(t('cards:guestStatus.noInvitationState'), { spacing: 'none' })] : []),
        ...factSet([[t('cards:guestStatus.sponsors'), guest.sponsors?.map((sponsor) => sponsor.displayName).join(', ')]]),
        ...requestFacts(t, guest, options.formatDate),
        ...governedFacts(t, guest, options.formatDate),
        ...actionSet(guestActions(t, data, guest.user, options.actions ?? guest.rights, uniqueToken)),
      ],
      { separator: true },
    );
  });
  const title = query.by === 'email' ? t('cards:guestStatus.title', { email: query.email }) : t('cards:guestStatus.titleByName', { name: query.name });
  const count = outcome.more ? t('cards:guestStatus.more', { count: outcome.guests.length }) : t('cards:guestStatus.count', { count: outcome.guests.length });
  return adaptiveCard([heading(title), textBlock(count, { spacing: 'small', isSubtle: true }), ...guests]);
}

/** Who asked for the guest through GuestPass and why: their message to the guest and, if needed, the approval. */
function requestFacts(t: Translate, { request, governed }: GuestStatus, formatDate: FormatDate) {
  if (!request) return [];
  const reasons = request.approval?.reasons ?? [];
  return factSet([
    [t('cards:guestStatus.invitedBy'), request.requester.displayName],
    [t('cards:guestStatus.requestedAt'), formatDate(request.createdAt)],
    // A governed guest's end of access is shown with its state (a Keep or an Extend changes it there).
    [t('cards:guestStatus.accessEnds'), request.access && !governed ? formatDate(request.access.endsAt) : undefined],
    [t('cards:guestStatus.message'), request.invitation.customMessage],
    [t('cards:guestStatus.approvalReasons'), reasons.length > 0 ? reasons.map((reason) => approvalReasonLabel(t, reason)).join(' ') : undefined],
    [t('cards:guestStatus.approvedBy'), request.approval?.decidedBy?.displayName],
    [t('cards:guestStatus.requestId'), request.id],
  ]);
}

/** The guest's access as the lifecycle governs it: its state (blocked, deletion due) and when it ends. */
function governedFacts(t: Translate, { governed }: GuestStatus, formatDate: FormatDate) {
  if (!governed) return [];
  return factSet([
    [t('cards:guestStatus.access'), governedStateText(t, governed, formatDate)],
    [t('cards:guestStatus.accessEnds'), accessEndText(t, governed, formatDate)],
  ]);
}

/** The address the buttons name: the guest's mail, else what was searched for, else the UPN. */
function actionEmail(outcome: Found, user: DirectoryUser): string {
  return user.mail ?? (outcome.query.by === 'email' ? outcome.query.email : user.userPrincipalName);
}

/**
 * Offers only what makes sense for the account: resending or a new link while the invitation is not redeemed,
 * resetting the redemption once it is. An account Entra never invited (state null) gets nothing.
 */
function guestActions(
  t: Translate,
  data: Required<Pick<GuestActionData, 'email' | 'userId' | 'query'>>,
  user: DirectoryUser,
  flags: GuestActionFlags | undefined,
  uniqueToken: () => string,
): CardAction[] {
  if (!flags || user.externalUserState === null) return [];
  const pending = user.externalUserState === 'PendingAcceptance';
  const actions: CardAction[] = [];
  if (flags.resend && pending) actions.push(execute(t, RESEND, t('cards:guestStatus.resend'), { ...data }, { associatedInputs: 'none' }));
  if (flags.newLink && pending) actions.push(execute(t, NEW_LINK, t('cards:guestStatus.newLink'), { ...data }, { associatedInputs: 'none' }));
  if (flags.reset && user.externalUserState === 'Accepted') {
    const reset: Required<Pick<GuestActionData, 'email' | 'userId' | 'query' | 'name' | 'once'>> = {
      ...data,
      name: user.displayName,
      once: resetToken(user, uniqueToken),
    };
    actions.push(execute(t, RESET, t('cards:guestStatus.reset'), { ...reset }, { associatedInputs: 'none', style: 'destructive' }));
  }
  return actions;
}

/** A button's outcome inside the entry of the guest it was about. */
export function noteFor(note: GuestNote | undefined): CardElement[] {
  return note ? [stateLine(note.text, note.refused ? 'problem' : 'done', { spacing: 'small' })] : [];
}

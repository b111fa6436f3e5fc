import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, attention, factSet, heading, textBlock } from './elements';
import { FormatDate } from './format-date';
import { groupResults } from './group-results';
import { userTypeLabel } from '../i18n/labels';

/**
 * Where the redeem URL of an invitation made with the email withheld is put: on this card (only ever in the
 * requester's own chat with the bot), in the requester's private chat while this card goes to a shared one, or
 * nowhere, because the private chat could not be reached.
 */
export type RedeemLinkPlacement = { kind: 'here'; url: string } | { kind: 'privately' } | { kind: 'notDelivered' };

/**
 * The card for a guest who was just invited, whether right away or after approval. It is the only card that
 * may show a redeem URL, and only when the requester chose to deliver the invitation themselves: the URL is a
 * credential for the guest's account, so with the email sent it is never repeated anywhere. It is shown as text
 * to copy, never behind a button: whoever opens it first, the requester included, takes the guest's account.
 *
 * `status` is an extra line placed under the facts (e.g. who approved). The groups and teams the guest was added
 * to (or is still waiting for) follow.
 */
export function renderInvited(
  t: Translate,
  request: InvitationRequest,
  formatDate: FormatDate,
  link?: RedeemLinkPlacement,
  status: CardElement[] = [],
): AdaptiveCard {
  const { invitation } = request;
  // A Member is not a guest: the texts that name the account say "member" for them (i18next's `_member` keys).
  const member = invitation.userType === 'Member' ? { context: 'member' } : {};
  const top = [
    heading(invitation.sendEmail ? t('cards:result.invited.title') : t('cards:result.invited.titleNoEmail', member)),
    ...factSet([
      [t('cards:result.facts.email'), invitation.email],
      [t('cards:result.facts.displayName'), invitation.displayName],
      [t('cards:result.facts.userType'), userTypeLabel(t, invitation.userType)],
      [t('cards:result.facts.objectId'), request.result?.userId],
      [t('cards:result.facts.requestId'), request.id],
    ]),
    ...status,
    ...groupResults(t, request.result?.groups, formatDate),
  ];
  const { email } = invitation;
  if (invitation.sendEmail) return adaptiveCard([...top, textBlock(t('cards:result.invited.emailSent', { email, ...member }))]);
  switch (link?.kind) {
    case undefined:
      return adaptiveCard([...top, textBlock(t('cards:result.invited.linkUnavailable', { email, ...member }))]);
    case 'privately':
      return adaptiveCard([...top, textBlock(t('cards:result.invited.linkSentPrivately', { email, ...member }), { separator: true })]);
    case 'notDelivered':
      return adaptiveCard([...top, attention(t('cards:result.invited.linkNotDelivered', { email, ...member }), { separator: true })]);
    case 'here':
      return adaptiveCard([
        ...top,
        textBlock(t('cards:result.invited.shareLink', { email }), { separator: true }),
        // A plain TextBlock so the link can be selected and copied on every client.
        textBlock(link.url, { fontType: 'monospace' }),
        attention(t('cards:result.invited.linkWarning', { email, ...member }), { weight: 'bolder' }),
      ]);
  }
}

/** The placement of a redeem URL the caller holds (if any): here, unless it was sent elsewhere instead. */
export function linkPlacement(redeemUrl: string | undefined, sentElsewhere: 'privately' | 'notDelivered' | undefined): RedeemLinkPlacement | undefined {
  if (!redeemUrl) return undefined;
  return sentElsewhere ? { kind: sentElsewhere } : { kind: 'here', url: redeemUrl };
}

import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard, CardElement } from './adaptive-card';
import { adaptiveCard, attention, factSet, heading, openUrl, textBlock } from './elements';
import { FormatDate } from './format-date';
import { groupResults } from './group-results';
import { userTypeLabel } from './labels';

/**
 * The card for a guest who was just invited, whether right away or after approval. It is the only card that
 * may show a redeem URL, and only when the requester chose to deliver the invitation themselves: the URL is a
 * credential for the guest's account, so with the email sent it is never repeated anywhere.
 *
 * `status` is an extra line placed under the facts (e.g. who approved). The groups and teams the guest was added
 * to (or is still waiting for) follow.
 */
export function renderInvited(
  t: Translate,
  request: InvitationRequest,
  formatDate: FormatDate,
  redeemUrl?: string,
  status: CardElement[] = [],
): AdaptiveCard {
  const { invitation } = request;
  const top = [
    heading(invitation.sendEmail ? t('cards:result.invited.title') : t('cards:result.invited.titleNoEmail')),
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
  if (invitation.sendEmail) return adaptiveCard([...top, textBlock(t('cards:result.invited.emailSent', { email: invitation.email }))]);
  if (!redeemUrl) {
    return adaptiveCard([...top, textBlock(t('cards:result.invited.linkUnavailable', { email: invitation.email }))]);
  }
  return adaptiveCard(
    [
      ...top,
      textBlock(t('cards:result.invited.shareLink', { email: invitation.email }), { separator: true }),
      // A plain TextBlock so the link can be selected and copied on every client.
      textBlock(redeemUrl, { fontType: 'monospace' }),
      attention(t('cards:result.invited.linkWarning', { email: invitation.email }), { weight: 'bolder' }),
    ],
    [openUrl(t('cards:result.invited.openLink'), redeemUrl)],
  );
}

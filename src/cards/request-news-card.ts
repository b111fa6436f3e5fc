import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { NewsTopic } from '../invitation/notifier-port';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, factSet, heading, stateLine, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { groupResults } from './group-results';
import { linkPlacement, renderInvited } from './invited-card';
import { requestStatus } from './request-status';

export interface RequestNews {
  /** Only when the invitation was just made with the email withheld; see invited-card.ts. */
  redeemUrl?: string;
  /** The news goes to a shared chat: the redeem URL went to the requester privately, or nowhere. */
  linkSentElsewhere?: 'privately' | 'notDelivered';
  /** `outcome` when not given. */
  topic?: NewsTopic;
  formatDate: FormatDate;
}

/**
 * Tells a requester, in their own chat, what became of a request after they left it: approved and invited,
 * rejected with the reason, expired, cancelled, or failed; later, how the group additions ended and that the
 * guest accepted.
 */
export function renderRequestNews(t: Translate, request: InvitationRequest, news: RequestNews): AdaptiveCard {
  if (news.topic === 'accepted') return accepted(t, request, news.formatDate);
  if (news.topic === 'groups') return groupsSettled(t, request, news.formatDate);
  const status = requestStatus(t, request, news.formatDate);
  const statusLine = stateLine(status.text, status.tone);
  if (request.state === 'invited') return renderInvited(t, request, news.formatDate, linkPlacement(news.redeemUrl, news.linkSentElsewhere), [statusLine]);
  return adaptiveCard([
    heading(t('cards:news.title')),
    textBlock(t('cards:news.intro', { email: request.invitation.email }), { spacing: 'small' }),
    statusLine,
    ...factSet([
      [t('cards:result.facts.requestId'), request.id],
      [t('cards:result.facts.graphRequestId'), request.state === 'failed' ? request.result?.graphRequestId : undefined],
    ]),
    ...(request.state === 'failed' && request.result?.graphRequestId ? [subtle(t('cards:result.failed.supportHint'))] : []),
  ]);
}

function accepted(t: Translate, request: InvitationRequest, formatDate: FormatDate): AdaptiveCard {
  const { invitation } = request;
  const acceptedAt = request.redemption?.acceptedAt;
  return adaptiveCard([
    heading(t('cards:news.accepted.title', { name: invitation.displayName ?? invitation.email })),
    textBlock(t('cards:news.accepted.text', { email: invitation.email, ...(invitation.userType === 'Member' ? { context: 'member' } : {}) }), { spacing: 'small' }),
    ...factSet([
      [t('cards:result.facts.email'), invitation.email],
      [t('cards:news.accepted.at'), acceptedAt ? formatDate(acceptedAt) : undefined],
      [t('cards:result.facts.objectId'), request.result?.userId],
      [t('cards:result.facts.requestId'), request.id],
    ]),
  ]);
}

function groupsSettled(t: Translate, request: InvitationRequest, formatDate: FormatDate): AdaptiveCard {
  return adaptiveCard([
    heading(t('cards:news.groups.title')),
    textBlock(t('cards:news.groups.text', { email: request.invitation.email }), { spacing: 'small' }),
    ...groupResults(t, request.result?.groups, formatDate),
    ...factSet([[t('cards:result.facts.requestId'), request.id]]),
  ]);
}

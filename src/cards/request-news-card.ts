import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, factSet, heading, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { renderInvited } from './invited-card';
import { requestStatus } from './request-status';

export interface RequestNews {
  /** Only when the invitation was just made with the email withheld; see invited-card.ts. */
  redeemUrl?: string;
  formatDate: FormatDate;
}

/**
 * Tells a requester, in their own chat, what became of a request after they left it: approved and invited,
 * rejected with the reason, expired, cancelled, or failed.
 */
export function renderRequestNews(t: Translate, request: InvitationRequest, news: RequestNews): AdaptiveCard {
  const status = requestStatus(t, request, news.formatDate);
  const statusLine = textBlock(status.text, { color: status.color, weight: 'bolder' });
  if (request.state === 'invited') return renderInvited(t, request, news.redeemUrl, [statusLine]);
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

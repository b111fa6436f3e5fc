import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { ApprovalRoute } from '../invitation/approval-routing';
import { SubmitOutcome } from '../invitation/submit-invitation';
import { AdaptiveCard, CardElement, Refresh } from './adaptive-card';
import { directoryUserFacts } from './directory-user-facts';
import { adaptiveCard, attention, bullets, container, execute, factSet, heading, subtle, textBlock } from './elements';
import { FormatDate } from './format-date';
import { linkPlacement, renderInvited } from './invited-card';
import { alreadyRequestedText, approvalReasonLabel, directoryErrorText, problemText, invitationRefusalText, requestStateLabel } from '../i18n/labels';
import { renderRequestNews } from './request-news-card';
import { CANCEL, REFRESH_OWN_REQUEST, RequestActionData } from './verbs';

type Outcome<K extends SubmitOutcome['kind']> = Extract<SubmitOutcome, { kind: K }>;

/**
 * The answer to an invitation request, for every way it can end. `linkSentElsewhere` is given when the answer goes
 * to a shared chat: the redeem URL of an invitation without email then went to the requester privately, or
 * nowhere, and this card only says which.
 */
export function renderSubmitOutcome(
  t: Translate,
  outcome: SubmitOutcome,
  formatDate: FormatDate,
  linkSentElsewhere?: 'privately' | 'notDelivered',
): AdaptiveCard {
  switch (outcome.kind) {
    case 'invalid':
      return adaptiveCard([
        heading(t('cards:result.invalid.title')),
        ...outcome.problems.map((problem) => attention(`• ${problemText(t, problem)}`, { spacing: 'small' })),
      ]);
    case 'refused':
      return adaptiveCard([heading(t('cards:result.refused.title')), attention(invitationRefusalText(t, outcome.reason, outcome.params))]);
    case 'internalAddress':
      return adaptiveCard([
        heading(t('cards:result.internalAddress.title')),
        textBlock(t('cards:result.internalAddress.text', { email: outcome.email, domain: outcome.domain })),
      ]);
    case 'alreadyExists':
      return alreadyExists(t, outcome, formatDate);
    case 'alreadyRequested':
      return alreadyRequested(t, outcome, formatDate);
    case 'pendingApproval':
      return pendingApproval(t, outcome.request, formatDate, outcome.route);
    case 'invited':
      return renderInvited(t, outcome.request, formatDate, linkPlacement(outcome.redeemUrl, linkSentElsewhere));
    case 'closed':
      return renderRequestNews(t, outcome.request, { formatDate });
    case 'failed':
      return failed(t, outcome);
  }
}

/**
 * The requester's own card for a request, as it stands: while it waits for a decision, the pending card with
 * Cancel request; once decided, what became of it, with nothing left to cancel. The pending card asks Teams to
 * refresh it for the requester (Universal Actions), so it never offers a cancellation the decision has ended.
 */
export function renderOwnRequest(t: Translate, request: InvitationRequest, formatDate: FormatDate): AdaptiveCard {
  return request.state === 'pendingApproval' ? pendingApproval(t, request, formatDate) : renderRequestNews(t, request, { formatDate });
}

/**
 * The pending card. Right after the request, `route` says at once who was asked to decide, why not the approvers
 * when they were passed over, or that nobody was; a refreshed card has no route to tell.
 */
function pendingApproval(t: Translate, request: InvitationRequest, formatDate: FormatDate, route?: ApprovalRoute): AdaptiveCard {
  if (request.state !== 'pendingApproval') return renderRequestNews(t, request, { formatDate });
  const reasons = request.approval?.reasons ?? [];
  const data: RequestActionData = { requestId: request.id };
  const expires = request.expiresAt ? formatDate(request.expiresAt) : '';
  const asked = route?.kind === 'asked' ? askedLabel(t, request, route.audience) : undefined;
  const refresh: Refresh = {
    action: { type: 'Action.Execute', verb: REFRESH_OWN_REQUEST, data: { ...data } },
    userIds: [`8:orgid:${request.requester.id}`],
  };
  return adaptiveCard(
    [
      heading(t('cards:result.pendingApproval.title')),
      route?.kind === 'nobody'
        ? attention(t(`cards:result.pendingApproval.nobody.${route.reason}`, { email: request.invitation.email, expires }))
        : textBlock(t('cards:result.pendingApproval.text', { email: request.invitation.email })),
      ...(route?.kind === 'asked' && route.passedOver
        ? [textBlock(t(`cards:result.pendingApproval.passedOver.${route.passedOver}`, { asked: asked!.toLowerCase() }))]
        : []),
      ...factSet([
        [t('cards:result.facts.requestId'), request.id],
        [t('cards:result.facts.email'), request.invitation.email],
        [t('cards:result.pendingApproval.decidedBy'), asked],
        [t('cards:result.pendingApproval.expires'), request.expiresAt ? formatDate(request.expiresAt) : undefined],
      ]),
      ...(reasons.length > 0
        ? [
            textBlock(t('cards:result.pendingApproval.reasons'), { weight: 'bolder' }),
            ...bullets(reasons.map((reason) => approvalReasonLabel(t, reason))),
          ]
        : []),
      subtle(t('cards:result.pendingApproval.notify')),
    ],
    [execute(t, CANCEL, t('cards:result.pendingApproval.cancel'), { ...data }, { associatedInputs: 'none' })],
    refresh,
  );
}

/** Who was asked to decide, as the requester reads it (the transports share it). */
export function askedLabel(t: Translate, request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers' | 'admins'): string {
  if (audience === 'fallbackApprovers') return t('cards:result.pendingApproval.fallbackApprovers');
  return audience === 'admins' || request.approval?.adminOnly ? t('cards:result.pendingApproval.admins') : t('cards:result.pendingApproval.approvers');
}

function alreadyExists(t: Translate, outcome: Outcome<'alreadyExists'>, formatDate: FormatDate): AdaptiveCard {
  const users: CardElement[] = outcome.users.map((user) =>
    container(directoryUserFacts(t, user, formatDate), { separator: true }),
  );
  return adaptiveCard([
    heading(t('cards:result.alreadyExists.title')),
    textBlock(t('cards:result.alreadyExists.text', { email: outcome.email, count: outcome.users.length })),
    ...users,
  ]);
}

function alreadyRequested(t: Translate, { request, yours }: Outcome<'alreadyRequested'>, formatDate: FormatDate): AdaptiveCard {
  // Your own request, still undecided: cancelling it is the one thing left to do from here.
  const cancellable = yours && request.state === 'pendingApproval';
  const data: RequestActionData = { requestId: request.id };
  return adaptiveCard(
    [
      heading(yours ? t('cards:result.alreadyRequested.titleYours') : t('cards:result.alreadyRequested.title')),
      textBlock(
        alreadyRequestedText(
          t,
          {
            email: request.invitation.email,
            requestId: request.id,
            requesterName: request.requester.displayName,
            createdAt: request.createdAt,
            state: request.state,
            yours,
          },
          formatDate,
        ),
      ),
      ...factSet([
        [t('cards:result.facts.requestId'), request.id],
        [t('cards:result.facts.email'), request.invitation.email],
        [t('cards:result.alreadyRequested.requestedBy'), request.requester.displayName],
        [t('cards:result.alreadyRequested.requestedOn'), formatDate(request.createdAt)],
        [t('cards:result.alreadyRequested.state'), requestStateLabel(t, request.state)],
      ]),
    ],
    cancellable ? [execute(t, CANCEL, t('cards:result.pendingApproval.cancel'), { ...data }, { associatedInputs: 'none' })] : [],
  );
}

function failed(t: Translate, { request, error }: Outcome<'failed'>): AdaptiveCard {
  return adaptiveCard([
    heading(t('cards:result.failed.title')),
    attention(directoryErrorText(t, error.kind)),
    ...(error.retryable ? [textBlock(t('cards:result.failed.retryLater'))] : []),
    ...factSet([
      [t('cards:result.facts.email'), request?.invitation.email],
      [t('cards:result.facts.requestId'), request?.id],
      [t('cards:result.facts.graphRequestId'), error.requestId],
    ]),
    ...(error.requestId ? [subtle(t('cards:result.failed.supportHint'))] : []),
  ]);
}

import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard, CardElement, Refresh } from './adaptive-card';
import { decisionActions } from './decision-actions';
import { adaptiveCard, attention, bullets, factSet, heading, stateLine, subtle, textBlock, withCardLocale } from './elements';
import { FormatDate } from './format-date';
import { approvalReasonLabel, emailDeliveryLabel, userTypeLabel } from '../i18n/labels';
import { requestStatus } from './request-status';
import { REFRESH_APPROVAL, RequestActionData } from './verbs';

export interface ApprovalCardView {
  /** `approver` shows the decision buttons (while the request is pending); `readOnly` never does. */
  mode: 'approver' | 'readOnly';
  /** Who may decide: Teams refreshes the card for these users so each sees the approver view on their own. */
  approverIds: string[];
  formatDate: FormatDate;
  /** Labels for the request's group ids; ids without one are shown as they are. */
  groups?: ReadonlyArray<{ id: string; displayName: string }>;
  /** A problem to show under the status (work on the request failed unexpectedly). */
  problem?: string;
}

/**
 * The Universal Actions approval card. The same card is posted once (to a channel or each approver) in the
 * read-only form; while the request is pending its `refresh` makes Teams ask the bot for the viewer's own view,
 * which is the approver form for approvers. Once decided the card is updated in place and the refresh dropped,
 * so nobody is offered a decision that was already made.
 */
export function renderApprovalCard(t: Translate, request: InvitationRequest, view: ApprovalCardView): AdaptiveCard {
  const pending = request.state === 'pendingApproval';
  const status = requestStatus(t, request, view.formatDate);
  const body: CardElement[] = [
    heading(t('cards:approval.title')),
    textBlock(t('cards:approval.intro', { name: request.requester.displayName, email: request.invitation.email }), {
      spacing: 'small',
    }),
    ...requestFacts(t, request, view),
    ...reasonsSection(t, request),
    stateLine(status.text, status.tone, { separator: true }),
    ...(view.problem ? [attention(view.problem, { spacing: 'small' })] : []),
    ...(pending && request.approval?.adminOnly ? [subtle(t('cards:approval.adminOnly'), { spacing: 'none' })] : []),
  ];
  const actions = pending && view.mode === 'approver' ? decisionActions(t, request.id) : [];
  return adaptiveCard(body, actions, pending ? refreshFor(t, request.id, view.approverIds) : undefined);
}

/** Carries the card's language, for a client that sends no locale with the refresh. */
function refreshFor(t: Translate, requestId: string, approverIds: string[]): Refresh {
  const data: RequestActionData = { requestId };
  return { action: { type: 'Action.Execute', verb: REFRESH_APPROVAL, data: withCardLocale(t, { ...data }) }, userIds: [...approverIds] };
}

function requestFacts(t: Translate, request: InvitationRequest, view: ApprovalCardView): CardElement[] {
  const { invitation, requester } = request;
  const requesterText = requester.userPrincipalName
    ? t('cards:approval.requesterWithUpn', { name: requester.displayName, upn: requester.userPrincipalName })
    : requester.displayName;
  return factSet([
    [t('cards:approval.facts.requester'), requesterText],
    [t('cards:approval.facts.email'), invitation.email],
    [t('cards:approval.facts.displayName'), invitation.displayName],
    [t('cards:approval.facts.userType'), userTypeLabel(t, invitation.userType)],
    [t('cards:approval.facts.invitationEmail'), emailDeliveryLabel(t, invitation.sendEmail)],
    [t('cards:approval.facts.cc'), invitation.ccRecipient],
    [t('cards:approval.facts.redirectUrl'), invitation.redirectUrl],
    [t('cards:approval.facts.messageLanguage'), invitation.messageLanguage],
    [t('cards:approval.facts.customMessage'), invitation.customMessage],
    [t('cards:approval.facts.groups'), groupList(request.groupIds, view.groups)],
    [t('cards:approval.facts.accessEnds'), request.access ? view.formatDate(request.access.endsAt) : undefined],
    [t('cards:approval.facts.requestId'), request.id],
    [t('cards:approval.facts.created'), view.formatDate(request.createdAt)],
    [t('cards:approval.facts.expires'), request.expiresAt ? view.formatDate(request.expiresAt) : undefined],
  ]);
}

function reasonsSection(t: Translate, request: InvitationRequest): CardElement[] {
  const reasons = request.approval?.reasons ?? [];
  if (reasons.length === 0) return [];
  return [
    textBlock(t('cards:approval.reasonsTitle'), { weight: 'bolder' }),
    ...bullets(reasons.map((reason) => approvalReasonLabel(t, reason))),
  ];
}

function groupList(ids: string[] | undefined, labels: ApprovalCardView['groups']): string | undefined {
  if (!ids || ids.length === 0) return undefined;
  return ids.map((id) => labels?.find((group) => group.id === id)?.displayName ?? id).join(', ');
}

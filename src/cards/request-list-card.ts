import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { decisionActions } from './decision-actions';
import { actionSet, adaptiveCard, container, execute, factSet, heading, textBlock } from './elements';
import { FormatDate } from './format-date';
import { rejectionReasonInputId } from './input-ids';
import { requestStateLabel, userTypeLabel } from './labels';
import { CANCEL, RequestActionData } from './verbs';

export type RequestListKind = 'pendingApprovals' | 'myRequests';

export interface RequestListData {
  kind: RequestListKind;
  requests: InvitationRequest[];
  formatDate: FormatDate;
}

/**
 * A list of requests with the actions the viewer can take on each: an approver decides right in the list, a
 * requester withdraws what has not been sent yet. The caller bounds the list (Teams limits a card to ~28 KB).
 */
export function renderRequestList(t: Translate, data: RequestListData): AdaptiveCard {
  const header = heading(t(`cards:list.${data.kind}.title`));
  if (data.requests.length === 0) return adaptiveCard([header, textBlock(t(`cards:list.${data.kind}.empty`))]);
  const entries: CardElement[] = data.requests.map((request) =>
    container(
      [
        textBlock(entryTitle(t, request), { weight: 'bolder' }),
        ...factSet([
          [t('cards:list.facts.requestId'), request.id],
          [t('cards:list.facts.state'), requestStateLabel(t, request.state)],
          [t('cards:list.facts.userType'), userTypeLabel(t, request.invitation.userType)],
          [t('cards:list.facts.created'), data.formatDate(request.createdAt)],
          ...(data.kind === 'pendingApprovals'
            ? ([
                [t('cards:list.facts.requester'), request.requester.displayName],
                [t('cards:list.facts.expires'), request.expiresAt ? data.formatDate(request.expiresAt) : undefined],
              ] as const)
            : []),
        ]),
        ...actionSet(entryActions(t, data.kind, request)),
      ],
      { separator: true },
    ),
  );
  const count = textBlock(t('cards:list.count', { count: data.requests.length }), { isSubtle: true, spacing: 'small' });
  return adaptiveCard([header, count, ...entries]);
}

function entryTitle(t: Translate, { invitation }: InvitationRequest): string {
  return invitation.displayName ? t('cards:list.entryTitle', { name: invitation.displayName, email: invitation.email }) : invitation.email;
}

function entryActions(t: Translate, kind: RequestListKind, request: InvitationRequest): CardAction[] {
  if (kind === 'pendingApprovals') {
    // Each entry's reason input needs its own id: ids must be unique across the whole card.
    return request.state === 'pendingApproval' ? decisionActions(t, request.id, rejectionReasonInputId(request.id)) : [];
  }
  if (request.state !== 'pendingApproval' && request.state !== 'approved') return [];
  const data: RequestActionData = { requestId: request.id };
  return [execute(t, CANCEL, t('cards:list.cancel'), { ...data }, { associatedInputs: 'none' })];
}

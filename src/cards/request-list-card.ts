import { Translate } from '../i18n';
import { InvitationRequest } from '../invitation/invitation-request';
import { AdaptiveCard, CardAction, CardElement } from './adaptive-card';
import { decisionActions } from './decision-actions';
import { actionSet, adaptiveCard, container, execute, factSet, heading, stateLine, textBlock } from './elements';
import { FormatDate } from './format-date';
import { rejectionReasonInputId } from './input-ids';
import { requestStateLabel, userTypeLabel } from '../i18n/labels';
import { requestStatus } from './request-status';
import { CANCEL, RequestListActionData } from './verbs';

export type RequestListKind = RequestListActionData['list'];

/** Requests a list shows at most; Teams limits a card to about 28 KB. */
export const MAX_LISTED_REQUESTS = 20;

export interface RequestListData {
  kind: RequestListKind;
  requests: InvitationRequest[];
  formatDate: FormatDate;
  /**
   * The requests the viewer may still act on. Without it, every request open to the list's action (pending for a
   * decision; pending for withdrawal) has its buttons, as when the list was just made for this viewer.
   */
  actionable?: ReadonlySet<string>;
}

/**
 * A list of requests with the actions the viewer can take on each: an approver decides right in the list, a
 * requester withdraws what has not been decided yet. Each button names the list and its requests, so the answer
 * to a press shows the same list again from the store: the entry acted on with its new state and no buttons,
 * the others as they are, with theirs.
 */
export function renderRequestList(t: Translate, data: RequestListData): AdaptiveCard {
  const header = heading(t(`cards:list.${data.kind}.title`));
  if (data.requests.length === 0) return adaptiveCard([header, textBlock(t(`cards:list.${data.kind}.empty`))]);
  const shown = data.requests.slice(0, MAX_LISTED_REQUESTS);
  const list: Omit<RequestListActionData, 'requestId'> = { list: data.kind, listed: shown.map((request) => request.id).join(',') };
  const entries: CardElement[] = shown.map((request) =>
    container(
      [
        textBlock(entryTitle(t, request), { weight: 'bolder' }),
        ...factSet([
          [t('cards:list.facts.requestId'), request.id],
          [t('cards:list.facts.state'), requestStateLabel(t, request.state)],
          [t('cards:list.facts.userType'), userTypeLabel(t, request.invitation.userType)],
          [t('cards:list.facts.created'), data.formatDate(request.createdAt)],
          [t('cards:list.facts.accessEnds'), request.access ? data.formatDate(request.access.endsAt) : undefined],
          ...(data.kind === 'pendingApprovals'
            ? ([
                [t('cards:list.facts.requester'), request.requester.displayName],
                [t('cards:list.facts.expires'), request.expiresAt ? data.formatDate(request.expiresAt) : undefined],
              ] as const)
            : []),
        ]),
        ...decidedLine(t, request, data.formatDate),
        ...actionSet(actionable(request, data) ? entryActions(t, data.kind, request, list) : []),
      ],
      { separator: true },
    ),
  );
  const count = textBlock(t('cards:list.count', { count: shown.length }), { isSubtle: true, spacing: 'small' });
  return adaptiveCard([header, count, ...entries]);
}

function entryTitle(t: Translate, { invitation }: InvitationRequest): string {
  return invitation.displayName ? t('cards:list.entryTitle', { name: invitation.displayName, email: invitation.email }) : invitation.email;
}

/** Once decided, who decided and when, as the approval card says it. */
function decidedLine(t: Translate, request: InvitationRequest, formatDate: FormatDate): CardElement[] {
  if (request.state === 'pendingApproval') return [];
  const status = requestStatus(t, request, formatDate);
  return [stateLine(status.text, status.tone, { spacing: 'small' })];
}

/** Only an undecided request can be decided or withdrawn; a decision ends both. */
function actionable(request: InvitationRequest, data: RequestListData): boolean {
  return request.state === 'pendingApproval' && (data.actionable?.has(request.id) ?? true);
}

function entryActions(t: Translate, kind: RequestListKind, request: InvitationRequest, list: Omit<RequestListActionData, 'requestId'>): CardAction[] {
  // Each entry's reason input needs its own id: ids must be unique across the whole card.
  if (kind === 'pendingApprovals') return decisionActions(t, request.id, rejectionReasonInputId(request.id), { ...list });
  const data: RequestListActionData = { ...list, requestId: request.id };
  return [execute(t, CANCEL, t('cards:list.cancel'), { ...data }, { associatedInputs: 'none' })];
}

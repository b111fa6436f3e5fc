import { z } from 'zod';
import { renderApprovalCard } from '../../cards/approval-card';
import { renderOwnRequest } from '../../cards/invitation-result-card';
import { APPROVE, CANCEL, readRejectionReason, REFRESH_APPROVAL, REFRESH_OWN_REQUEST, REJECT } from '../../cards/verbs';
import { cancelRequest } from '../../invitation/cancel-request';
import { decideRequest, DecisionOutcome, inviteApproved, recordDecision } from '../../invitation/decide-request';
import { invitationDefaults } from '../../invitation/invitation-defaults';
import { InvitationRequest } from '../../invitation/invitation-request';
import { mayDecideRequest } from '../../invitation/who-decides';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';
import { CardActionHandler } from './handler';
import { ListedRequests, readListedRequests, requestListCardFor } from './request-list-answer';
import { cardResponse, messageResponse } from './responses';

const requestRef = z.object({ requestId: z.string().trim().min(1).max(40) });

/** The approval card as this person should see it: buttons for those who may decide, read-only for everyone else. */
export async function approvalCardFor(turn: Turn, services: BotServices, request: InvitationRequest): Promise<object> {
  const mayDecide = request.state === 'pendingApproval' && (await mayDecideRequest(services.invitations.access, turn.requester, request));
  return renderApprovalCard(turn.t, request, {
    mode: mayDecide ? 'approver' : 'readOnly',
    approverIds: await services.approverIds(request),
    formatDate: turn.formatDate,
    groups: invitationDefaults(services.invitations).offeredGroups,
  });
}

/** The card a decision's answer puts in place of the pressed one: the list it was on, else the approval card. */
function decidedCardFor(turn: Turn, services: BotServices, request: InvitationRequest, listed: ListedRequests | undefined): Promise<object> {
  return listed ? requestListCardFor(turn, services, listed) : approvalCardFor(turn, services, request);
}

async function answerDecision(turn: Turn, services: BotServices, outcome: DecisionOutcome, listed?: ListedRequests) {
  switch (outcome.kind) {
    case 'notFound':
      return messageResponse(turn.t('decision.notFound', { id: outcome.requestId }));
    case 'ownRequest':
      return messageResponse(turn.t('decision.ownRequest'));
    case 'notAnApprover':
      return messageResponse(turn.t('decision.notAnApprover'));
    case 'reasonRequired':
      return messageResponse(turn.t('decision.reasonRequired'));
    case 'approved':
      return answerApproval(turn, services, outcome.request, listed);
    case 'approvedButFailed':
      services.logger.warn({ requestId: outcome.request.id, err: outcome.error }, 'approved invitation failed');
      return cardResponse(await decidedCardFor(turn, services, outcome.request, listed));
    default:
      // alreadyDecided shows the decided card: the person sees who decided first, and when.
      return cardResponse(await decidedCardFor(turn, services, outcome.request, listed));
  }
}

/**
 * The approval is recorded before the answer (so a second press finds it decided); the invitation, which Graph
 * may throttle for longer than Teams waits, follows in the background and the card shows how it ended.
 */
async function answerApproval(turn: Turn, services: BotServices, approved: InvitationRequest, listed: ListedRequests | undefined) {
  return services.followUp.answerNow(turn, {
    label: 'approval',
    interim: await decidedCardFor(turn, services, approved, listed),
    finish: async () => {
      const outcome = await inviteApproved(services.invitations, approved);
      if (outcome.kind === 'approvedButFailed') services.logger.warn({ requestId: approved.id, err: outcome.error }, 'approved invitation failed');
      return decidedCardFor(turn, services, outcome.kind === 'notFound' ? approved : outcome.request, listed);
    },
    // The request keeps its stored state (housekeeping finishes an interrupted invitation): show that, and why.
    failed: async () => {
      if (listed) return requestListCardFor(turn, services, listed);
      const current = (await services.invitations.requests.get(approved.id).catch(() => undefined))?.value ?? approved;
      return renderApprovalCard(turn.t, current, {
        mode: 'readOnly',
        approverIds: [],
        formatDate: turn.formatDate,
        groups: invitationDefaults(services.invitations).offeredGroups,
        problem: turn.t('errors.unfinished'),
      });
    },
  });
}

export const approveAction: CardActionHandler = {
  verb: APPROVE,
  audience: 'accountsThatMayAct',
  graphRights: 'changes',
  async handle(turn, data, services) {
    const parsed = requestRef.safeParse(data);
    if (!parsed.success) return messageResponse(turn.t('decision.badRequest'));
    const outcome = await recordDecision(services.invitations, parsed.data.requestId, turn.requester, { kind: 'approve' });
    return answerDecision(turn, services, outcome, readListedRequests(data));
  },
};

export const rejectAction: CardActionHandler = {
  verb: REJECT,
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  async handle(turn, data, services) {
    const parsed = requestRef.safeParse(data);
    if (!parsed.success) return messageResponse(turn.t('decision.badRequest'));
    // The approval card and the pending list name the reason input differently (ids are unique per card).
    const reason = (readRejectionReason(data) ?? '').slice(0, 2000);
    const outcome = await decideRequest(services.invitations, parsed.data.requestId, turn.requester, { kind: 'reject', reason });
    return answerDecision(turn, services, outcome, readListedRequests(data));
  },
};

/** Teams asks for a fresh card (user-specific views): approvers get buttons, others the read-only view. */
export const refreshApprovalAction: CardActionHandler = {
  verb: REFRESH_APPROVAL,
  audience: 'anyone',
  graphRights: 'none',
  async handle(turn, data, services) {
    const parsed = requestRef.safeParse(data);
    if (!parsed.success) return messageResponse(turn.t('decision.badRequest'));
    const stored = await services.invitations.requests.get(parsed.data.requestId);
    if (!stored) return messageResponse(turn.t('decision.notFound', { id: parsed.data.requestId }));
    return cardResponse(await approvalCardFor(turn, services, stored.value));
  },
};

export const cancelAction: CardActionHandler = {
  verb: CANCEL,
  audience: 'anyone',
  graphRights: 'none',
  async handle(turn, data, services) {
    const parsed = requestRef.safeParse(data);
    if (!parsed.success) return messageResponse(turn.t('decision.badRequest'));
    const outcome = await cancelRequest(services.invitations, parsed.data.requestId, turn.requester);
    if (outcome.kind === 'cancelled') services.logger.info({ requestId: outcome.request.id }, 'request cancelled');
    if (outcome.kind === 'notFound' || outcome.kind === 'notYours') return messageResponse(turn.t(`cancel.${outcome.kind}`, { id: parsed.data.requestId }));
    // Cancelled, or decided meanwhile: the card shows where the request stands, with nothing left to cancel.
    const listed = readListedRequests(data);
    return cardResponse(listed ? await requestListCardFor(turn, services, listed) : renderOwnRequest(turn.t, outcome.request, turn.formatDate));
  },
};

/** Teams asks for the requester's card as it stands (its refresh): decided, it no longer offers Cancel request. */
export const refreshOwnRequestAction: CardActionHandler = {
  verb: REFRESH_OWN_REQUEST,
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  async handle(turn, data, services) {
    const parsed = requestRef.safeParse(data);
    if (!parsed.success) return messageResponse(turn.t('decision.badRequest'));
    const stored = await services.invitations.requests.get(parsed.data.requestId);
    if (!stored) return messageResponse(turn.t('decision.notFound', { id: parsed.data.requestId }));
    // Teams asks for the requester only; anyone else sending the id learns nothing from it.
    const mayView = stored.value.requester.id === turn.requester.id || (await services.invitations.access.isAdmin(turn.requester));
    if (!mayView) return messageResponse(turn.t('cancel.notYours', { id: parsed.data.requestId }));
    return cardResponse(renderOwnRequest(turn.t, stored.value, turn.formatDate));
  },
};

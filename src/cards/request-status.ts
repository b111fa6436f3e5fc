import { Translate } from '../i18n';
import { InvitationRequest, StateTransition } from '../invitation/invitation-request';
import { Tone } from './elements';
import { FormatDate } from './format-date';
import { directoryErrorText } from '../i18n/labels';

export interface RequestStatus {
  text: string;
  tone: Tone;
}

/**
 * What became of a request, in one sentence with who and when ("Rejected by X on T: reason"), so whoever looks
 * at an old approval card sees the decision without asking the bot.
 */
export function requestStatus(t: Translate, request: InvitationRequest, formatDate: FormatDate): RequestStatus {
  const approval = request.approval;
  const decided = approval?.decidedBy
    ? { name: approval.decidedBy.displayName, at: formatDate(approval.decidedAt ?? lastTransition(request)?.at ?? request.createdAt) }
    : undefined;
  switch (request.state) {
    case 'pendingApproval':
      return { text: t('cards:status.pendingApproval'), tone: 'waiting' };
    case 'approved':
    case 'inviting':
      return decided
        ? { text: t('cards:status.approvedInviting', decided), tone: 'done' }
        : { text: t('cards:status.inviting'), tone: 'done' };
    case 'invited':
      return decided ? { text: t('cards:status.approvedInvited', decided), tone: 'done' } : { text: t('cards:status.invited'), tone: 'done' };
    case 'failed': {
      const error = directoryErrorText(t, request.result?.errorKind ?? 'unknown');
      return decided
        ? { text: t('cards:status.approvedFailed', { ...decided, error }), tone: 'problem' }
        : { text: t('cards:status.failed', { error }), tone: 'problem' };
    }
    case 'rejected': {
      const by = decided ?? { name: t('cards:status.someone'), at: formatDate(lastTransition(request)?.at ?? request.createdAt) };
      const reason = approval?.rejectionReason;
      return reason
        ? { text: t('cards:status.rejectedWithReason', { ...by, reason }), tone: 'problem' }
        : { text: t('cards:status.rejected', by), tone: 'problem' };
    }
    case 'expired': {
      const at = lastTransition(request, 'expired')?.at ?? request.expiresAt;
      return { text: at ? t('cards:status.expiredAt', { at: formatDate(at) }) : t('cards:status.expired'), tone: 'neutral' };
    }
    case 'cancelled': {
      const cancel = lastTransition(request, 'cancelled');
      return cancel?.by
        ? { text: t('cards:status.cancelledBy', { name: cancel.by.displayName, at: formatDate(cancel.at) }), tone: 'neutral' }
        : { text: t('cards:status.cancelled'), tone: 'neutral' };
    }
  }
}

function lastTransition(request: InvitationRequest, to?: StateTransition['to']): StateTransition | undefined {
  return [...request.transitions].reverse().find((step) => to === undefined || step.to === to);
}

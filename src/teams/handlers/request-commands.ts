import { renderAuditEntries } from '../../cards/audit-card';
import { renderRequestList } from '../../cards/request-list-card';
import { cancelRequest } from '../../invitation/cancel-request';
import { latestAuditEntries, pendingApprovalsFor, requestsBy } from '../../invitation/list-requests';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

/** `requests`: the approvals waiting for this person. */
export const requestsCommand: CommandHandler<'requests'> = {
  command: 'requests',
  async handle(turn, _command, services) {
    const requests = await pendingApprovalsFor(services.invitations, turn.requester);
    await replyWithCard(turn.context, renderRequestList(turn.t, { kind: 'pendingApprovals', requests, formatDate: turn.formatDate }));
  },
};

/** `my requests`: what this person asked for and where each request stands. */
export const myRequestsCommand: CommandHandler<'myRequests'> = {
  command: 'myRequests',
  async handle(turn, _command, services) {
    const requests = await requestsBy(services.invitations, turn.requester);
    await replyWithCard(turn.context, renderRequestList(turn.t, { kind: 'myRequests', requests, formatDate: turn.formatDate }));
  },
};

/** `cancel <id>`: withdraw a request not yet sent to Entra. */
export const cancelCommand: CommandHandler<'cancel'> = {
  command: 'cancel',
  async handle(turn, command, services) {
    const outcome = await cancelRequest(services.invitations, command.requestId, turn.requester);
    await replyWithText(turn.context, turn.t(`cancel.${outcome.kind}`, { id: command.requestId }));
  },
};

/** `audit [n]`: the latest audit entries, for admins. */
export const auditCommand: CommandHandler<'audit'> = {
  command: 'audit',
  async handle(turn, command, services) {
    const outcome = await latestAuditEntries(services.invitations, turn.requester, command.count);
    if (outcome.kind === 'adminsOnly') return replyWithText(turn.context, turn.t('audit.adminsOnly'));
    await replyWithCard(turn.context, renderAuditEntries(turn.t, outcome.entries, turn.formatDate));
  },
};

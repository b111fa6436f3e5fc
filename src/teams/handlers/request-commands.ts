import { renderAuditEntries } from '../../cards/audit-card';
import { renderRequestList } from '../../cards/request-list-card';
import { cancelRequest } from '../../invitation/cancel-request';
import { latestAuditEntries, pendingApprovalsFor, requestsBy } from '../../invitation/list-requests';
import { CommandHandler } from './handler';

export interface RequestsCommand {
  name: 'requests';
}

export interface MyRequestsCommand {
  name: 'myRequests';
}

export interface CancelCommand {
  name: 'cancel';
  requestId: string;
}

export interface AuditCommand {
  name: 'audit';
  count: number;
}

const DEFAULT_AUDIT_COUNT = 10;
import { replyWithCard, replyWithText } from './responses';

/** `requests`: the approvals waiting for this person. */
export const requestsCommand: CommandHandler<RequestsCommand> = {
  command: 'requests',
  trigger: { words: ['requests'], parse: () => ({ name: 'requests' }) },
  help: [{ rank: 50, usage: 'requests', descriptionKey: 'help.requests' }],
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, _command, services) {
    const requests = await pendingApprovalsFor(services.invitations, turn.requester);
    await replyWithCard(turn.context, renderRequestList(turn.t, { kind: 'pendingApprovals', requests, formatDate: turn.formatDate }));
  },
};

/** `my requests`: what this person asked for and where each request stands. */
export const myRequestsCommand: CommandHandler<MyRequestsCommand> = {
  command: 'myRequests',
  trigger: { words: ['my requests'], parse: () => ({ name: 'myRequests' }) },
  help: [{ rank: 60, usage: 'my requests', descriptionKey: 'help.myRequests' }],
  audience: 'anyone',
  graphRights: 'none',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, _command, services) {
    const requests = await requestsBy(services.invitations, turn.requester);
    await replyWithCard(turn.context, renderRequestList(turn.t, { kind: 'myRequests', requests, formatDate: turn.formatDate }));
  },
};

/** `cancel <id>`: withdraw a request not yet sent to Entra. */
export const cancelCommand: CommandHandler<CancelCommand> = {
  command: 'cancel',
  trigger: {
    words: ['cancel'],
    parse: ({ words }) =>
      words[0] ? { name: 'cancel', requestId: words[0].toUpperCase() } : { name: 'usageError', command: 'cancel', problem: 'missingArgument' },
  },
  help: [{ rank: 110, usage: 'cancel REQUEST-ID', descriptionKey: 'help.cancel' }],
  audience: 'anyone',
  graphRights: 'none',
  menu: ['personal', 'team', 'groupChat'],
  async handle(turn, command, services) {
    const outcome = await cancelRequest(services.invitations, command.requestId, turn.requester);
    await replyWithText(turn.context, turn.t(`cancel.${outcome.kind}`, { id: command.requestId }));
  },
};

/** `audit [n]`: the latest audit entries, for admins. */
export const auditCommand: CommandHandler<AuditCommand> = {
  command: 'audit',
  trigger: {
    words: ['audit'],
    parse: ({ words }) => {
      if (!words[0]) return { name: 'audit', count: DEFAULT_AUDIT_COUNT };
      const count = Number(words[0]);
      return Number.isInteger(count) && count > 0 ? { name: 'audit', count } : { name: 'usageError', command: 'audit', problem: 'notANumber', detail: words[0] };
    },
  },
  help: [{ rank: 120, usage: 'audit [N]', descriptionKey: 'help.audit' }],
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  // For admins, in their personal chat: an audit trail is not for a team's channel.
  menu: ['personal'],
  async handle(turn, command, services) {
    const outcome = await latestAuditEntries(services.invitations, turn.requester, command.count);
    if (outcome.kind === 'adminsOnly') return replyWithText(turn.context, turn.t('audit.adminsOnly'));
    await replyWithCard(turn.context, renderAuditEntries(turn.t, outcome.entries, turn.formatDate));
  },
};

import { CardActionHandler, CommandHandler, CommandName } from './handler';
import { helpCommand, unknownCommand, usageErrorCommand } from './help-command';
import { inviteCommand } from './invite-command';
import { inviteFormCommand } from './invite-form-command';
import { inviteSubmitAction } from './invite-submit-action';
import { approveAction, cancelAction, refreshApprovalAction, rejectAction } from './request-actions';
import { auditCommand, cancelCommand, myRequestsCommand, requestsCommand } from './request-commands';
import { statusCommand } from './status-command';

/** Every command and card verb the bot answers, registered in one place. */
export const COMMAND_HANDLERS: { [N in CommandName]: CommandHandler<N> } = {
  invite: inviteCommand,
  inviteForm: inviteFormCommand,
  status: statusCommand,
  help: helpCommand,
  requests: requestsCommand,
  myRequests: myRequestsCommand,
  cancel: cancelCommand,
  audit: auditCommand,
  usageError: usageErrorCommand,
  unknown: unknownCommand,
};

export const CARD_ACTION_HANDLERS: ReadonlyMap<string, CardActionHandler> = new Map(
  [inviteSubmitAction, approveAction, rejectAction, refreshApprovalAction, cancelAction].map((handler) => [handler.verb, handler]),
);

import { assignSponsorAction } from './assign-sponsor-action';
import { guestExtendAction } from './guest-extend-action';
import { guestRemoveAction } from './guest-remove-action';
import { CardActionHandler, CommandHandler, CommandName } from './handler';
import { helpCommand, unknownCommand, usageErrorCommand } from './help-command';
import { inviteCommand } from './invite-command';
import { inviteFormCommand } from './invite-form-command';
import { inviteSubmitAction } from './invite-submit-action';
import { linkAction } from './link-action';
import { linkCommand } from './link-command';
import { myGuestsCommand } from './my-guests-command';
import { orphansCommand } from './orphans-command';
import { pendingCommand } from './pending-command';
import { approveAction, cancelAction, refreshApprovalAction, refreshOwnRequestAction, rejectAction } from './request-actions';
import { auditCommand, cancelCommand, myRequestsCommand, requestsCommand } from './request-commands';
import { resendAction } from './resend-action';
import { resendCommand } from './resend-command';
import { resetAction, resetCancelAction, resetConfirmAction } from './reset-action';
import { resetCommand } from './reset-command';
import { restoreCommand } from './restore-command';
import { reviewKeepAction } from './review-keep-action';
import { reviewRefreshAction } from './review-refresh-action';
import { reviewRemoveAction } from './review-remove-action';
import { statusCommand } from './status-command';
import { withdrawAction } from './withdraw-action';

/** Every command and card verb the bot answers, registered in one place. */
export const COMMAND_HANDLERS: { [N in CommandName]: CommandHandler<N> } = {
  invite: inviteCommand,
  inviteForm: inviteFormCommand,
  status: statusCommand,
  pending: pendingCommand,
  resend: resendCommand,
  link: linkCommand,
  reset: resetCommand,
  help: helpCommand,
  requests: requestsCommand,
  myRequests: myRequestsCommand,
  cancel: cancelCommand,
  audit: auditCommand,
  myGuests: myGuestsCommand,
  orphans: orphansCommand,
  restore: restoreCommand,
  usageError: usageErrorCommand,
  unknown: unknownCommand,
};

export const CARD_ACTION_HANDLERS: ReadonlyMap<string, CardActionHandler> = new Map(
  [
    inviteSubmitAction,
    approveAction,
    rejectAction,
    refreshApprovalAction,
    refreshOwnRequestAction,
    cancelAction,
    resendAction,
    linkAction,
    resetAction,
    resetConfirmAction,
    resetCancelAction,
    reviewKeepAction,
    reviewRemoveAction,
    reviewRefreshAction,
    guestExtendAction,
    guestRemoveAction,
    assignSponsorAction,
    withdrawAction,
  ].map((handler) => [handler.verb, handler]),
);

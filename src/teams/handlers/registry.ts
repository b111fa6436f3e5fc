import { bulkCancelAction, bulkConfirmAction } from '../bulk/bulk-actions';
import { assignSponsorAction } from './assign-sponsor-action';
import { guestExtendAction } from './guest-extend-action';
import { guestRemoveAction } from './guest-remove-action';
import { CardActionHandler, CommandHandler, HelpEntry } from './handler';
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

/**
 * Every command the bot answers, in the order `help` lists them. Each declares itself (handler.ts): the parser's
 * dispatch, help, the account gate, the sign-in needs and the manifest check are all derived from this list.
 */
const COMMANDS = [
  inviteCommand,
  inviteFormCommand,
  statusCommand,
  pendingCommand,
  requestsCommand,
  myRequestsCommand,
  myGuestsCommand,
  resendCommand,
  linkCommand,
  resetCommand,
  cancelCommand,
  auditCommand,
  orphansCommand,
  restoreCommand,
  helpCommand,
  usageErrorCommand,
  unknownCommand,
] as const;

/** Every Action.Execute verb the bot answers, the bulk preview's included. */
const CARD_ACTIONS: readonly CardActionHandler[] = [
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
  bulkConfirmAction,
  bulkCancelAction,
];

/** What a chat message asks for: one of the registered commands' shapes. Parsing never throws. */
export type ParsedCommand = Parameters<(typeof COMMANDS)[number]['handle']>[1];
export type CommandName = ParsedCommand['name'];

/** A registry of commands and verbs, and everything derived from it; the bot's is `REGISTRY`. */
export class CommandRegistry {
  readonly commands: ReadonlyMap<string, CommandHandler>;
  readonly cardActions: ReadonlyMap<string, CardActionHandler>;
  /** `help`'s lines, in the order of the commands. */
  readonly help: readonly HelpEntry[];
  /** Trigger phrases (split into words), the longest first, so `my requests` is tried before a one-word command. */
  readonly triggers: readonly { words: string[]; handler: CommandHandler<{ name: string }, { name: string }> }[];

  constructor(commands: readonly CommandHandler<never, unknown>[], cardActions: readonly CardActionHandler[]) {
    this.commands = uniqueBy(commands as unknown as CommandHandler[], (handler) => handler.command, 'command');
    this.cardActions = uniqueBy(cardActions, (handler) => handler.verb, 'verb');
    this.help = [...this.commands.values()].flatMap((handler) => handler.help);
    const triggers = [...this.commands.values()].flatMap((handler) =>
      (handler.trigger?.words ?? []).map((phrase) => ({ words: phrase.split(' '), handler: handler as CommandHandler<{ name: string }, { name: string }> })),
    );
    uniqueBy(triggers, (trigger) => trigger.words.join(' '), 'trigger word');
    this.triggers = triggers.sort((a, b) => b.words.length - a.words.length);
  }
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(key(item))) throw new Error(`The ${what} "${key(item)}" is registered twice`);
    map.set(key(item), item);
  }
  return map;
}

export const REGISTRY = new CommandRegistry(COMMANDS as unknown as CommandHandler<never, unknown>[], CARD_ACTIONS);

/** Each command's handler, by name (for the dispatcher and the tests). */
export const COMMAND_HANDLERS = Object.fromEntries(REGISTRY.commands) as { [N in CommandName]: CommandHandler };
export const CARD_ACTION_HANDLERS: ReadonlyMap<string, CardActionHandler> = REGISTRY.cardActions;

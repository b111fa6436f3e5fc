import { discoverHandlers } from './discover-handlers';
import { CardActionHandler, CommandHandler, HelpEntry } from './handler';

export type { ParsedCommand } from './handler';

/**
 * The commands and verbs the bot answers, and everything derived from them: the parser's dispatch, help, the
 * account gate, the sign-in needs, the manifest check. Each handler declares itself (handler.ts); the bot's
 * registry, `REGISTRY`, is whatever the handler files export (discover-handlers.ts), so there is no list to edit.
 */
export class CommandRegistry {
  /** By name, in the order `help` lists them (the parser's own answers, which help does not list, last). */
  readonly commands: ReadonlyMap<string, CommandHandler>;
  readonly cardActions: ReadonlyMap<string, CardActionHandler>;
  /** `help`'s lines, by rank. */
  readonly help: readonly HelpEntry[];
  readonly openHelp: readonly HelpEntry[];
  /** Trigger phrases (split into words), the longest first, so `my requests` is tried before a one-word command. */
  readonly triggers: readonly { words: string[]; handler: CommandHandler<{ name: string }, { name: string }> }[];

  /** The registry of the handler files in `directories` (by default the bot's own). */
  static discover(directories?: readonly string[]): CommandRegistry {
    const { commands, cardActions } = discoverHandlers(directories);
    return new CommandRegistry(commands, cardActions);
  }

  constructor(commands: readonly CommandHandler[], cardActions: readonly CardActionHandler[]) {
    const byRank = [...commands].sort((a, b) => firstRank(a) - firstRank(b) || 0);
    this.commands = uniqueBy(byRank, (handler) => handler.command, 'command');
    this.cardActions = uniqueBy(cardActions, (handler) => handler.verb, 'verb');
    const triggers = [...this.commands.values()].flatMap((handler) =>
      (handler.trigger?.words ?? []).map((phrase) => ({ words: phrase.split(' '), handler: handler as CommandHandler<{ name: string }, { name: string }> })),
    );
    uniqueBy(triggers, (trigger) => trigger.words.join(' '), 'trigger word');
    this.triggers = triggers.sort((a, b) => b.words.length - a.words.length);
    const help = [...this.commands.values()].flatMap((handler) => handler.help ?? []);
    uniqueBy(help, (entry) => String(entry.rank), 'help rank');
    this.help = help.sort((a, b) => a.rank - b.rank);
    const open = new Set([...this.commands.values()].filter((handler) => handler.audience === 'anyone').flatMap((handler) => handler.help ?? []));
    this.openHelp = this.help.filter((entry) => open.has(entry));
  }
}

/** A command without help (the parser's own answers) comes after every command help lists. */
function firstRank(handler: CommandHandler): number {
  return Math.min(...(handler.help ?? []).map((entry) => entry.rank));
}

function uniqueBy<T>(items: readonly T[], key: (item: T) => string, what: string): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(key(item))) throw new Error(`The ${what} "${key(item)}" is registered twice`);
    map.set(key(item), item);
  }
  return map;
}

export const REGISTRY = CommandRegistry.discover();

/** Each command's handler, by name (for the dispatcher and the tests). */
export const COMMAND_HANDLERS: Readonly<Record<string, CommandHandler>> = Object.fromEntries(REGISTRY.commands);
export const CARD_ACTION_HANDLERS: ReadonlyMap<string, CardActionHandler> = REGISTRY.cardActions;

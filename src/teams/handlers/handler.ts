import { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { BotServices } from '../bot-services';
import type { Turn } from '../turn';

/**
 * Who may use a command or a button. `anyone` who can chat with the bot, guests included (help, their own requests,
 * an approval card's read-only view); `accountsThatMayAct`: only people whose account may act (members, or guests
 * where the policy allows them), since the rest invites, decides, or reads the tenant's guests.
 */
export type Audience = 'anyone' | 'accountsThatMayAct';

/**
 * What a command or button asks Graph with the person's own authority in the delegated modes, and so whether they
 * sign in before it runs: `changes` the directory (an invitation, a re-invitation, group additions: in both
 * delegated modes), only `looksUp` (only where lookups carry the person's authority too, mode `delegated`), or
 * `none` (membership checks and the like carry the app's authority).
 */
export type GraphRights = 'none' | 'looksUp' | 'changes';

/** Teams' command menus: the manifest's command lists, by scope. */
export type MenuScope = 'personal' | 'team' | 'groupChat';

/** One line of `help`: where it sits, the usage as typed (commands are not translated) and its description's locale key. */
export interface HelpEntry {
  /**
   * Its place in `help`, lower first (and so its command's place in the manifest's menus). Ranks go in tens so a
   * new command slots in between without renumbering; two lines never share one (the registry refuses it).
   */
  rank: number;
  /** Placeholders are in capitals: Teams and the Playground read `<email>` as an HTML tag and drop it. */
  usage: string;
  /** A full translation key (any namespace), in both languages. */
  descriptionKey: string;
  /** The command's options, as its parser accepts them: help lists them apart, and a wrong option's answer names them. */
  options?: readonly HelpOption[];
}

export interface HelpOption {
  /** As typed, e.g. `--cc EMAIL`. */
  usage: string;
  descriptionKey: string;
}

export type UsageProblem = 'unknownOption' | 'missingValue' | 'unbalancedQuotes' | 'missingArgument' | 'notANumber' | 'repeatedOption';

declare const parsedMark: unique symbol;

/**
 * What a chat message asks for, as the dispatcher sees it: the name of the command whose handler takes it, with
 * what that handler's parse read (each handler types its own, `CommandHandler<C>`; `isCommandOf` in
 * command-parser.ts narrows one to it). Only `parseCommand` makes one, so what the bot runs, or keeps across a
 * sign-in, is always what a parse answered.
 */
export type ParsedCommand = { readonly name: string } & { readonly [parsedMark]: true };

/** What every parse may answer instead of its command: the words were right, what followed was not. */
export interface UsageErrorCommand {
  name: 'usageError';
  command: string;
  problem: UsageProblem;
  detail?: string;
}

/** What a message says after the command's words. */
export interface CommandArguments {
  /** The whole message, trimmed. */
  text: string;
  /** The words after the command's, split on white space. */
  words: string[];
  /** The text after the command's words, trimmed. */
  remainder: string;
}

/** The words that start a message asking for a command, and how the rest of it is read. Parsing never throws. */
export interface CommandTrigger<P> {
  /** Lower case; a phrase (`my requests`) is matched word by word; `''` is an empty message. */
  words: readonly string[];
  parse(args: CommandArguments): P | UsageErrorCommand;
}

/** What the dispatcher gives every command: the registry the handler is part of (help lists it). */
export interface CommandCatalog {
  readonly help: readonly HelpEntry[];
  /** `help`'s lines of the commands anyone may use (`audience: 'anyone'`), for a person whose account may not act. */
  readonly openHelp: readonly HelpEntry[];
}

/**
 * A chat command, declared once: the words that trigger it, its help, who may use it, what it needs of the person's
 * Graph rights, and the manifest's command menus it is in. Replies through `turn.context`.
 */
export interface CommandHandler<C extends { name: string } = { name: string }, P = C> {
  readonly command: C['name'];
  /** null: the command is reached through another's words (`invite` alone opens the form) or is the parser's own answer. */
  readonly trigger: CommandTrigger<P> | null;
  /** Its lines in `help`, in order; none only for the parser's own answers (usage errors, unknown text). */
  readonly help: readonly HelpEntry[];
  readonly audience: Audience;
  readonly graphRights: GraphRights;
  /** Teams' limit is ten commands per menu. */
  readonly menu: readonly MenuScope[];
  handle(turn: Turn, command: C, services: BotServices, catalog: CommandCatalog): Promise<void>;
}

/** An Action.Execute verb, declared once: who may press it and what it needs of the person's Graph rights. Its answer replaces the card the button was on. */
export interface CardActionHandler {
  readonly verb: string;
  readonly audience: Audience;
  readonly graphRights: GraphRights;
  handle(turn: Turn, data: Record<string, unknown>, services: BotServices): Promise<AdaptiveCardInvokeResponse>;
}

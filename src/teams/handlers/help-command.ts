import { renderHelp } from '../../cards/help-card';
import { accountNotice } from '../account-gate';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';
import { CommandCatalog, CommandHandler, UsageErrorCommand } from './handler';
import { replyWithCard, replyWithText } from './responses';

export interface HelpCommand {
  name: 'help';
}

/** Text the parser could not read as any command. */
export interface UnknownCommand {
  name: 'unknown';
  text: string;
}

/**
 * How long help waits to learn whether the reader may act. Beyond it (Graph slow, throttled or down) help lists
 * everything: the account gate still refuses what it must, and the answer, once Graph gives it, is cached for the
 * next help.
 */
const STANDING_WAIT_MS = 1_500;

/**
 * Help lists what this person may use: someone whose account may not act (a guest, unless the policy allows
 * guests; an account the directory does not know) sees the commands open to anyone and why the others are not
 * there. Whether they may act is the account gate's own question, asked with the app's authority (cached).
 */
async function sendHelp(turn: Turn, services: BotServices, catalog: CommandCatalog): Promise<void> {
  // Help is the first thing a person tries: whatever keeps the answer from coming, it lists everything.
  const asked = accountNotice(turn, services.invitations.access).catch((error: unknown) => {
    services.logger.warn({ err: error }, 'help: could not tell whether the reader may act');
    return undefined;
  });
  const notice = await noLaterThan(asked, STANDING_WAIT_MS);
  const card = notice
    ? renderHelp(turn.t, { commands: catalog.openHelp, notice })
    : renderHelp(turn.t, { commands: catalog.help });
  return replyWithCard(turn.context, card);
}

/** What `asked` gives within `ms`, else undefined (it goes on in the background). */
async function noLaterThan<T>(asked: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([asked, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `help` (or `?`, Turkish `yardım`, or an empty message): every command, from the registry. */
export const helpCommand: CommandHandler<HelpCommand> = {
  command: 'help',
  trigger: { words: ['', 'help', '?', 'yardım', 'yardim'], parse: () => ({ name: 'help' }) },
  help: [{ rank: 150, usage: 'help', descriptionKey: 'help.help' }],
  audience: 'anyone',
  graphRights: 'none',
  menu: ['personal', 'team', 'groupChat'],
  handle: (turn, _command, services, catalog) => sendHelp(turn, services, catalog),
};

/** Text the bot does not understand gets help, never silence. */
export const unknownCommand: CommandHandler<UnknownCommand> = {
  command: 'unknown',
  trigger: null,
  help: [],
  audience: 'anyone',
  graphRights: 'none',
  menu: [],
  async handle(turn, _command, services, catalog) {
    await replyWithText(turn.context, turn.t('unknownCommand'));
    await sendHelp(turn, services, catalog);
  },
};

/** A command missing its argument answers with its own line of help, so nobody has to look it up. */
export const usageErrorCommand: CommandHandler<UsageErrorCommand> = {
  command: 'usageError',
  trigger: null,
  help: [],
  audience: 'anyone',
  graphRights: 'none',
  menu: [],
  async handle(turn, command, _services, catalog) {
    const usage = catalog.help.find((item) => item.usage.startsWith(`${command.command} `));
    const entry = command.problem === 'missingArgument' ? usage : undefined;
    const text = entry
      ? turn.t('usage.missingArgument', { command: command.command, usage: entry.usage, description: turn.t(entry.descriptionKey) })
      : turn.t(command.problem === 'missingArgument' ? 'usage.missingArgumentNoUsage' : `usage.${command.problem}`, {
          command: command.command,
          detail: command.detail ?? '',
          usage: usage?.usage ?? command.command,
          options: usage?.options?.map((option) => option.usage).join(', ') ?? '',
        });
    await replyWithText(turn.context, text);
  },
};

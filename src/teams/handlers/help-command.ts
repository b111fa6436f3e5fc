import { renderHelp } from '../../cards/help-card';
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

function sendHelp(turn: Turn, catalog: CommandCatalog): Promise<void> {
  return replyWithCard(turn.context, renderHelp(turn.t, { commands: catalog.help }));
}

/** `help` (or `?`, Turkish `yardım`, or an empty message): every command, from the registry. */
export const helpCommand: CommandHandler<HelpCommand> = {
  command: 'help',
  trigger: { words: ['', 'help', '?', 'yardım', 'yardim'], parse: () => ({ name: 'help' }) },
  help: [{ rank: 150, usage: 'help', descriptionKey: 'help.help' }],
  audience: 'anyone',
  graphRights: 'none',
  menu: ['personal', 'team', 'groupChat'],
  handle: (turn, _command, _services, catalog) => sendHelp(turn, catalog),
};

/** Text the bot does not understand gets help, never silence. */
export const unknownCommand: CommandHandler<UnknownCommand> = {
  command: 'unknown',
  trigger: null,
  help: [],
  audience: 'anyone',
  graphRights: 'none',
  menu: [],
  async handle(turn, _command, _services, catalog) {
    await replyWithText(turn.context, turn.t('unknownCommand'));
    await sendHelp(turn, catalog);
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
        });
    await replyWithText(turn.context, text);
  },
};

import { renderHelp } from '../../cards/help-card';
import { COMMAND_CATALOG } from '../command-catalog';
import { Turn } from '../turn';
import { CommandHandler } from './handler';
import { replyWithCard, replyWithText } from './responses';

function sendHelp(turn: Turn): Promise<void> {
  return replyWithCard(turn.context, renderHelp(turn.t, { commands: COMMAND_CATALOG }));
}

export const helpCommand: CommandHandler<'help'> = {
  command: 'help',
  handle: (turn) => sendHelp(turn),
};

/** Text the bot does not understand gets help, never silence. */
export const unknownCommand: CommandHandler<'unknown'> = {
  command: 'unknown',
  async handle(turn) {
    await replyWithText(turn.context, turn.t('unknownCommand'));
    await sendHelp(turn);
  },
};

/** A command missing its argument answers with its own line of help, so nobody has to look it up. */
export const usageErrorCommand: CommandHandler<'usageError'> = {
  command: 'usageError',
  async handle(turn, command) {
    const usage = COMMAND_CATALOG.find((item) => item.usage.startsWith(`${command.command} `));
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

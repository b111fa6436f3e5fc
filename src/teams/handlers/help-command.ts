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

export const usageErrorCommand: CommandHandler<'usageError'> = {
  command: 'usageError',
  async handle(turn, command) {
    await replyWithText(
      turn.context,
      turn.t(`usage.${command.problem}`, { command: command.command, detail: command.detail ?? '' }),
    );
  },
};

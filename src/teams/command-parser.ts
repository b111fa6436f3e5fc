import { CommandHandler, ParsedCommand } from './handlers/handler';
import { UnknownCommand } from './handlers/help-command';
import { CommandRegistry, REGISTRY } from './handlers/registry';

export type { ParsedCommand } from './handlers/handler';
export type { UsageProblem } from './handlers/handler';
export { splitArguments } from './command-arguments';

/**
 * What a chat message asks for: the command whose words start it (a leading `/` and letter case aside) reads the
 * rest. Parsing never throws: anything no command claims is `unknown`, and a command's parse answers a usage error.
 */
export function parseCommand(text: string, registry: CommandRegistry = REGISTRY): ParsedCommand {
  const trimmed = text.trim();
  const tokens = trimmed.split(/\s+/);
  const words = tokens.map((token, index) => (index === 0 ? token.toLowerCase().replace(/^\//, '') : token.toLowerCase()));
  const trigger = registry.triggers.find((candidate) => candidate.words.every((word, index) => words[index] === word));
  if (!trigger) return answered(unknown(trimmed));
  const consumed = trigger.words.length;
  const remainder = trimmed.replace(new RegExp(`^(?:\\S+\\s*){${consumed}}`), '').trim();
  return answered(trigger.handler.trigger!.parse({ text: trimmed, words: tokens.slice(consumed), remainder }));
}

function unknown(text: string): UnknownCommand {
  return { name: 'unknown', text };
}

/** The one place a command becomes a `ParsedCommand`: what the parser answered. */
function answered(command: { name: string }): ParsedCommand {
  return command as ParsedCommand;
}

/** Whether `parsed` is for `handler`, and so has the shape its `handle` takes (every parse answers by that name). */
export function isCommandOf<C extends { name: string }>(parsed: ParsedCommand, handler: CommandHandler<C, unknown>): parsed is ParsedCommand & C {
  return parsed.name === handler.command;
}

import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { CardActionHandler, CommandHandler } from './handler';

/**
 * A handler file's name: `status-command`, `request-commands`, `resend-action`, `request-actions`. Every handler
 * such a file exports is registered, with nothing else to edit; it must export at least one, and no other file may
 * export one (test/teams/handlers/discover-handlers.test.ts holds `src/teams` to that).
 */
export const HANDLER_FILE = /^[a-z0-9]+(?:-[a-z0-9]+)*-(?:command|action)s?$/;

/** The directory whose handler files are the bot's commands and card verbs: this one. */
export const HANDLER_DIRECTORY = __dirname;

/**
 * The modules this code runs as: `.ts` under tsx (the tests, `npm run dev`), `.js` compiled (`npm start`), so a
 * compiled tree's `.d.ts` and `.js.map` are never taken for handler files.
 */
const MODULE_EXTENSION = extname(__filename);

export interface DiscoveredHandlers {
  commands: CommandHandler[];
  cardActions: CardActionHandler[];
}

export function isCommandHandler(value: unknown): value is CommandHandler {
  return isObject(value) && typeof value.command === 'string' && typeof value.handle === 'function';
}

export function isCardActionHandler(value: unknown): value is CardActionHandler {
  return isObject(value) && typeof value.verb === 'string' && typeof value.handle === 'function';
}

/**
 * Every command and card action exported by the handler files in `directories`, a file in name order and its
 * exports in their order. Whether each declares itself whole is for the registry and its test; a handler file
 * exporting no handler at all is refused here, since an export misspelt into another shape would otherwise drop
 * its command without a word.
 */
export function discoverHandlers(directories: readonly string[] = [HANDLER_DIRECTORY], extension = MODULE_EXTENSION): DiscoveredHandlers {
  const commands = new Set<CommandHandler>();
  const cardActions = new Set<CardActionHandler>();
  for (const directory of directories) {
    const files = handlerFiles(directory, extension);
    if (files.length === 0) throw new Error(`No handler files (*-command${extension}, *-action${extension}) in ${directory}`);
    for (const file of files) {
      let found = 0;
      for (const value of Object.values(require(join(directory, file)) as Record<string, unknown>)) {
        if (isCommandHandler(value)) commands.add(value);
        else if (isCardActionHandler(value)) cardActions.add(value);
        else continue;
        found++;
      }
      if (found === 0) throw new Error(`${file} is named as a handler file but exports no command or card action handler`);
    }
  }
  return { commands: [...commands], cardActions: [...cardActions] };
}

/** The handler files of `directory`, in name order so that discovery does not depend on the file system's. */
export function handlerFiles(directory: string, extension = MODULE_EXTENSION): string[] {
  // The whole name, lower-case words and hyphens: an editor's lock file (`.#status-command.ts`) or a copy's
  // metadata (`._status-command.ts`) is not a handler file, nor is anything but a regular file.
  return readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension) && HANDLER_FILE.test(entry.name.slice(0, -extension.length)))
    .map((entry) => entry.name)
    .sort();
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

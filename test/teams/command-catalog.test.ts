import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RESOURCES } from '../../src/i18n';
import { COMMAND_CATALOG } from '../../src/teams/command-catalog';
import { parseCommand } from '../../src/teams/command-parser';
import { COMMAND_HANDLERS, REGISTRY } from '../../src/teams/handlers/registry';

interface ManifestCommand {
  title: string;
  description: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'manifest', 'manifest.json'), 'utf8')) as {
  bots: { commandLists: { scopes: string[]; commands: ManifestCommand[] }[] }[];
};
const lists = manifest.bots[0]!.commandLists;
const usageOf = (description: string) => description.split(' — ')[0]!;
/** The command word(s) of a usage: everything before the first placeholder (in capitals, or in brackets). */
const wordsOf = (usage: string) => usage.split(/\s+(?=[[A-Z])/)[0]!;

/** help, the manifest's command lists and the parser must describe the same commands. */
describe('the command catalog', () => {
  it('lists only commands the parser knows, each with a translated description', () => {
    for (const { usage, descriptionKey } of COMMAND_CATALOG) {
      assert.notEqual(parseCommand(wordsOf(usage)).name, 'unknown', usage);
      for (const language of ['en', 'tr'] as const) {
        const [section, key] = descriptionKey.split('.') as [string, string];
        const messages = RESOURCES[language].messages as unknown as Record<string, Record<string, unknown>>;
        assert.equal(typeof messages[section]?.[key], 'string', `${language}: ${descriptionKey}`);
      }
    }
  });

  it('has a handler for every command the parser produces', () => {
    for (const { usage } of COMMAND_CATALOG) assert.ok(COMMAND_HANDLERS[parseCommand(wordsOf(usage)).name], usage);
  });

  it('agrees with every manifest command: the title is a command word, the usage is the catalog one', () => {
    for (const list of lists) {
      for (const command of list.commands) {
        // Teams sends the title as the message: it must parse as that command, never as unknown.
        assert.notEqual(parseCommand(command.title).name, 'unknown', command.title);
        const usage = usageOf(command.description);
        // invite's manifest usage is a shortened form of help's, to fit the command menu.
        if (command.title === 'invite') {
          assert.ok(COMMAND_CATALOG.some((entry) => entry.usage.startsWith('invite EMAIL [DISPLAY NAME]')));
          continue;
        }
        assert.ok(COMMAND_CATALOG.some((entry) => entry.usage === usage), `${list.scopes.join()}: "${usage}" is not in help`);
      }
    }
  });

  it('offers in the personal command list every catalog command except those declared for help alone', () => {
    const personal = new Set(lists.find((list) => list.scopes.includes('personal'))!.commands.map((command) => command.title));
    const words = new Set(COMMAND_CATALOG.map((entry) => wordsOf(entry.usage)));
    // Teams allows ten commands per scope: a command may say (menu) that help alone names it in personal chats.
    const wordsOfMenu = new Set(
      [...REGISTRY.commands.values()].filter((handler) => handler.menu.includes('personal')).flatMap((handler) => handler.help.map((entry) => wordsOf(entry.usage))),
    );
    const helpOnly = [...words].filter((word) => !wordsOfMenu.has(word));
    assert.deepEqual([...words].filter((word) => !personal.has(word)), helpOnly);
    assert.ok(helpOnly.length > 0, 'some command is in help alone (the personal list is full)');
  });
});

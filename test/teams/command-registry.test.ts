import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BULK_VERBS } from '../../src/cards/bulk-verbs';
import { VERBS } from '../../src/cards/verbs';
import { CardActionHandler, CommandHandler } from '../../src/teams/handlers/handler';
import { CommandRegistry, REGISTRY } from '../../src/teams/handlers/registry';
import { MENU_LIMIT, owner, registryProblems, SCOPES } from './registry-problems';

interface ManifestCommand {
  title: string;
  description: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'manifest', 'manifest.json'), 'utf8')) as {
  bots: { commandLists: { scopes: string[]; commands: ManifestCommand[] }[] }[];
};

describe('the command registry', () => {
  it('has every command and verb declared whole: words, help in both languages, audience, Graph rights, menus', () => {
    assert.deepEqual(registryProblems(REGISTRY), []);
  });

  it('fails a command added without any of these', () => {
    const ping: CommandHandler<{ name: 'ping' }> = {
      command: 'ping',
      trigger: { words: ['ping'], parse: () => ({ name: 'ping' }) },
      help: [{ rank: 1000, usage: 'ping', descriptionKey: 'help.ping' }],
      audience: 'anyone',
      graphRights: 'none',
      menu: ['personal'],
      handle: async () => undefined,
    };
    const withPing = (handler: object) =>
      new CommandRegistry([...REGISTRY.commands.values(), handler] as never, [...REGISTRY.cardActions.values()]);
    assert.deepEqual(registryProblems(withPing(ping)), ['ping: help.ping in English and Turkish'], 'a help text in no locale file');
    assert.ok(registryProblems(withPing({ ...ping, help: [] })).includes('ping: a help entry'));
    assert.ok(registryProblems(withPing({ ...ping, trigger: null })).some((problem) => problem.startsWith('ping: words that reach it')));
    assert.ok(registryProblems(withPing({ ...ping, help: [{ usage: 'ping', descriptionKey: 'help.ping' }] })).includes('ping: its place in help (rank)'));
    assert.ok(registryProblems(withPing({ ...ping, audience: undefined })).includes('ping: who may use it (audience)'));
    assert.ok(registryProblems(withPing({ ...ping, graphRights: undefined })).some((problem) => problem.startsWith('ping: what it needs')));
    const press: CardActionHandler = { verb: 'test.press', audience: 'anyone', graphRights: 'none', handle: async () => ({ statusCode: 200, type: 'x', value: {} }) };
    const withPress = new CommandRegistry([...REGISTRY.commands.values()] as never, [...REGISTRY.cardActions.values(), { ...press, graphRights: undefined } as never]);
    assert.ok(registryProblems(withPress).some((problem) => problem.startsWith('test.press: what it needs')));
  });

  it('refuses a command name, verb or trigger word registered twice', () => {
    const commands = [...REGISTRY.commands.values()];
    assert.throws(() => new CommandRegistry([...commands, REGISTRY.commands.get('status')!] as never, []), /command "status" is registered twice/);
    const echo = { ...REGISTRY.commands.get('status')!, command: 'echo' };
    assert.throws(() => new CommandRegistry([...commands, echo] as never, []), /trigger word "status" is registered twice/);
    const beside = { ...echo, trigger: { words: ['echo'], parse: () => ({ name: 'echo' }) } };
    assert.throws(() => new CommandRegistry([...commands, beside] as never, []), /help rank "30" is registered twice/, 'two lines in one place of help');
    const actions = [...REGISTRY.cardActions.values()];
    assert.throws(() => new CommandRegistry(commands as never, [...actions, actions[0]!]), /registered twice/);
  });

  it('lists help by rank, and the commands in that order', () => {
    const ranks = REGISTRY.help.map((entry) => entry.rank);
    assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b));
    const shuffled = new CommandRegistry([...REGISTRY.commands.values()].reverse(), [...REGISTRY.cardActions.values()]);
    assert.deepEqual(shuffled.help, REGISTRY.help, 'whatever order the handlers are found in');
    assert.deepEqual([...shuffled.commands.keys()].slice(0, 3), ['invite', 'inviteForm', 'status']);
  });

  it('answers every verb the cards carry, and no other', () => {
    assert.deepEqual([...REGISTRY.cardActions.keys()].sort(), [...VERBS, ...BULK_VERBS].sort());
  });

  it('has a manifest command list for every scope a command names in its menu', () => {
    const named = new Set([...REGISTRY.commands.values()].flatMap((handler) => handler.menu));
    const listed = new Set(manifest.bots[0]!.commandLists.flatMap((list) => list.scopes));
    assert.deepEqual([...named].filter((scope) => !listed.has(scope)), []);
  });

  for (const list of manifest.bots[0]!.commandLists) {
    const scope = SCOPES.find((candidate) => list.scopes.includes(candidate))!;

    it(`names in the manifest's ${list.scopes.join('/')} command list exactly the commands whose menu is ${scope}, at most ${MENU_LIMIT}`, () => {
      const declared = [...REGISTRY.commands.values()].filter((handler) => handler.menu.includes(scope));
      assert.ok(declared.length <= MENU_LIMIT, `${declared.length} commands in the ${scope} menu`);
      assert.ok(list.commands.length <= MENU_LIMIT);
      assert.deepEqual(
        list.commands.map((command) => owner(command.title)),
        declared.map((handler) => handler.command),
      );
      for (const command of list.commands) {
        const handler = REGISTRY.commands.get(owner(command.title)!)!;
        assert.equal(command.title, handler.trigger?.words.find((word) => word !== ''), 'the title is the command word Teams sends');
        const usage = command.description.split(' — ')[0]!;
        // invite's menu usage is a shortened form of help's, to fit the command menu.
        assert.ok(handler.help.some((entry) => entry.usage === usage || entry.usage.startsWith(`${usage} `)), `${scope}: "${usage}"`);
      }
    });
  }
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderHelp } from '../../src/cards/help-card';
import { RESOURCES, translatorFor } from '../../src/i18n';
import { accountRefusal } from '../../src/teams/account-gate';
import { BotServices } from '../../src/teams/bot-services';
import { parseCommand } from '../../src/teams/command-parser';
import { HANDLER_DIRECTORY } from '../../src/teams/handlers/discover-handlers';
import { CommandRegistry, REGISTRY } from '../../src/teams/handlers/registry';
import { needsSignIn } from '../../src/teams/sso/sign-in-needs';
import { Turn } from '../../src/teams/turn';
import { quotaCommand } from './adding-a-command/quota-command';
import { registryProblems } from './registry-problems';

/**
 * CONTRIBUTING.md's worked example "adding a command", followed step by step for a command that exists only here:
 * `quota`, how many invitations the person may still ask for today. Its use case and handler are files of their
 * own beside this test (adding-a-command/), written as they would be in src; the registry is discovered from the
 * bot's handler directory and that one, exactly as the bot's own is from its directory alone. Nothing else is
 * touched, and the parser, help, the account gate and the sign-in needs take it up.
 */

// Steps 1 and 2, the domain use case and the handler: adding-a-command/remaining-quota.ts and quota-command.ts.
const registry = CommandRegistry.discover([HANDLER_DIRECTORY, join(__dirname, 'adding-a-command')]);

// Step 3, the locale files (src/i18n/locales/{en,tr}/messages.json): stood in for here, and taken out after.
const TEXTS = {
  en: { help: 'how many invitations you may still ask for today', left: 'You may ask for {{count}} more invitations today.' },
  tr: { help: 'bugün daha kaç davet isteyebileceğiniz', left: 'Bugün {{count}} davet daha isteyebilirsiniz.' },
} as const;

describe('adding a command, as CONTRIBUTING.md shows it', () => {
  const messages = (language: 'en' | 'tr') => RESOURCES[language].messages as unknown as Record<string, Record<string, string>>;
  before(() => {
    for (const language of ['en', 'tr'] as const) {
      messages(language).help!.quota = TEXTS[language].help;
      messages(language).quota = { left: TEXTS[language].left };
    }
  });
  after(() => {
    for (const language of ['en', 'tr'] as const) {
      delete messages(language).help!.quota;
      delete messages(language).quota;
    }
  });

  it('is then complete in the registry: nothing is missing anywhere', () => {
    assert.deepEqual(registryProblems(registry), []);
  });

  it('is the handler CONTRIBUTING.md shows, line for line', () => {
    const declaration = (text: string) =>
      text
        .slice(text.indexOf('export const quotaCommand'))
        .split('\n};')[0]!
        .split('\n')
        .map((line) => line.replace(/\s*\/\/ .*$/, '').trim())
        .filter(Boolean);
    const shown = declaration(readFileSync(join(__dirname, '..', '..', 'CONTRIBUTING.md'), 'utf8').replace(/^ {3}/gm, ''));
    assert.deepEqual(shown, declaration(readFileSync(join(__dirname, 'adding-a-command', 'quota-command.ts'), 'utf8')));
  });

  it('is reached by its words, typed any way Teams sends them', () => {
    for (const text of ['quota', 'Quota', '/quota', '  QUOTA  ']) assert.deepEqual(parseCommand(text, registry), { name: 'quota' });
    assert.deepEqual(parseCommand('quota', REGISTRY), { name: 'unknown', text: 'quota' }, 'the bot without the step knows nothing of it');
  });

  it('is found by its file alone: the very handler its file exports, with no list to add it to', () => {
    assert.equal(registry.commands.get('quota'), quotaCommand);
    assert.deepEqual([...registry.commands.keys()].filter((name) => !REGISTRY.commands.has(name)), ['quota']);
    assert.equal(registry.cardActions.size, REGISTRY.cardActions.size);
  });

  it('is listed by help in both languages, where its rank puts it', () => {
    const usages = registry.help.map((entry) => entry.usage);
    assert.deepEqual(usages.slice(-3), ['restore EMAIL [DAYS]', 'quota', 'help'], 'between restore (140) and help (150)');
    const card = JSON.stringify(renderHelp(translatorFor('tr'), { commands: registry.help }));
    assert.ok(card.includes(TEXTS.tr.help), card);
  });

  it('is gated and signed in for as it declares, with no list to edit', async () => {
    const work = { kind: 'command' as const, command: { name: 'quota' } as never };
    assert.equal(needsSignIn('delegated', work, registry), false);
    const changing = new CommandRegistry([...REGISTRY.commands.values(), { ...quotaCommand, graphRights: 'changes' }] as never, []);
    assert.equal(needsSignIn('delegated-app-lookups', work, changing), true);

    const turn = { requester: { id: 'g', displayName: 'Gina' }, t: translatorFor('en') } as unknown as Turn;
    const guest = { mayAct: async () => false, standingOf: async () => 'guest' as const };
    assert.match((await accountRefusal(turn, guest as never, work, registry)) ?? '', /.+/, 'a guest is refused');
    const open = new CommandRegistry([...REGISTRY.commands.values(), { ...quotaCommand, audience: 'anyone' }] as never, []);
    assert.equal(await accountRefusal(turn, guest as never, work, open), undefined, 'unless it is for anyone');
  });

  it('answers through its use case', async () => {
    const sent: { text?: string }[] = [];
    const turn = {
      context: { sendActivity: async (activity: { text?: string }) => sent.push(activity) },
      requester: { id: 'a', displayName: 'Alice' },
      t: (key: string, params?: Record<string, unknown>) => `${key} ${JSON.stringify(params ?? {})}`,
      formatDate: String,
    } as unknown as Turn;
    const services = { invitations: { policy: { dailyQuotaPerRequester: 7 } } } as unknown as BotServices;
    await registry.commands.get('quota')!.handle(turn, { name: 'quota' }, services, registry);
    assert.deepEqual(sent.map((activity) => activity.text), ['quota.left {"count":7}']);
  });
});

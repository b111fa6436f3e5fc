import assert from 'node:assert/strict';
import { renderHelp } from '../../src/cards/help-card';
import { RESOURCES, translatorFor } from '../../src/i18n';
import { InvitationContext } from '../../src/invitation/invitation-context';
import { Requester } from '../../src/invitation/requester';
import { accountRefusal } from '../../src/teams/account-gate';
import { BotServices } from '../../src/teams/bot-services';
import { parseCommand } from '../../src/teams/command-parser';
import { CommandHandler } from '../../src/teams/handlers/handler';
import { CommandRegistry, REGISTRY } from '../../src/teams/handlers/registry';
import { replyWithText } from '../../src/teams/handlers/responses';
import { needsSignIn } from '../../src/teams/sso/sign-in-needs';
import { Turn } from '../../src/teams/turn';
import { registryProblems } from './registry-problems';

/**
 * CONTRIBUTING.md's worked example "adding a command", followed step by step for a command that exists only here:
 * `quota`, how many invitations the person may still ask for today. Each step is one of the places the example
 * names; nothing else is touched, and the parser, help, the account gate and the sign-in needs take it up.
 */

// Step 1, the domain use case (src/invitation/remaining-quota.ts): no SDK, the context's ports only.
async function remainingQuota(ctx: Pick<InvitationContext, 'policy'>, _requester: Requester): Promise<{ left: number }> {
  return { left: ctx.policy.dailyQuotaPerRequester };
}

// Step 2, the handler (src/teams/handlers/quota-command.ts), declaring itself whole.
interface QuotaCommand {
  name: 'quota';
}
const quotaCommand: CommandHandler<QuotaCommand> = {
  command: 'quota',
  trigger: { words: ['quota'], parse: () => ({ name: 'quota' }) },
  help: [{ usage: 'quota', descriptionKey: 'help.quota' }],
  audience: 'accountsThatMayAct',
  graphRights: 'none',
  menu: [],
  async handle(turn, _command, services) {
    const { left } = await remainingQuota(services.invitations, turn.requester);
    await replyWithText(turn.context, turn.t('quota.left', { count: left }));
  },
};

// Step 3, its line in the registry's list (src/teams/handlers/registry.ts).
const registry = new CommandRegistry([...REGISTRY.commands.values(), quotaCommand] as never, [...REGISTRY.cardActions.values()]);

// Step 4, the locale files (src/i18n/locales/{en,tr}/messages.json): stood in for here, and taken out after.
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

  it('is reached by its words, typed any way Teams sends them', () => {
    for (const text of ['quota', 'Quota', '/quota', '  QUOTA  ']) assert.deepEqual(parseCommand(text, registry), { name: 'quota' });
    assert.deepEqual(parseCommand('quota', REGISTRY), { name: 'unknown', text: 'quota' }, 'the bot without the step knows nothing of it');
  });

  it('is listed by help in both languages, after the commands before it', () => {
    assert.deepEqual(registry.help.at(-1), { usage: 'quota', descriptionKey: 'help.quota' });
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

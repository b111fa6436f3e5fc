import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';

const { adele } = TEAMS_TEST_USERS;
const ADELE_CHAT = 'a:adele-personal';

/** The Execute action with `verb` on a card, as the client would send it back. */
function buttonData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    if (record.type === 'Action.Execute' && record.verb === verb) found = record.data as Record<string, unknown>;
    Object.values(record).forEach(walk);
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} button on ${JSON.stringify(card)}`);
  return found;
}

/** A card action as a client that sends no locale posts it: neither on the activity nor in its client info. */
function withoutLocale(activity: Partial<Activity>): Partial<Activity> {
  const { locale: _locale, entities, ...rest } = activity;
  return { ...rest, entities: entities?.filter((entity) => entity.type !== 'clientInfo') };
}

describe("a card action keeps the card's language", function () {
  this.timeout(30_000);
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start({ policy: { admins: { users: [adele.aadObjectId], groups: [] } } });
  });
  afterEach(() => bot.stop());

  it('a Turkish card pressed without a locale answers in Turkish, at once and once done', async () => {
    const [status] = await bot.say(
      personalMessage('status jane@fabrikam.com', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, locale: 'tr-TR' })),
    );
    const card = cardOf(status);
    assert.match(cardText(card), /Yeniden gönder|Daveti yeniden/i, 'the status card is Turkish');

    // Some Teams clients send no locale with a card action: the card's own language must hold.
    const response = await bot.send(
      withoutLocale(adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, replyToId: status!.activityId }),
        verb: 'guest.resend',
        data: buttonData(card, 'guest.resend'),
      })),
    );
    const answer = response.body as { type: string; value: unknown };
    assert.equal(answer.type, 'application/vnd.microsoft.card.adaptive');
    assert.match(cardText(answer.value), /Microsoft'tan daveti yeniden e-postayla göndermesini istiyorum/);

    const [updated] = await bot.connector.waitForActivities(1, {
      where: (a) => a.operation === 'update' && a.activityId === status!.activityId,
    });
    assert.match(cardText(cardOf(updated)), /jane@fabrikam\.com adresine yeniden e-postayla göndermesini istedim/);
    assert.doesNotMatch(cardText(cardOf(updated)), /again|Resend/);
  });

  it('without a language on the card either, the one last heard in the conversation is used', async () => {
    await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, locale: 'tr-TR' })));
    const response = await bot.send(
      withoutLocale(adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT, replyToId: 'old-card' }),
        verb: 'guest.resend',
        data: { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending },
      })),
    );
    assert.match(cardText((response.body as { value: unknown }).value), /Microsoft'tan daveti yeniden/);
    await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === 'old-card' });

    // A second such press still finds the language: the first did not erase it from the record.
    const again = await bot.send(
      withoutLocale(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, conversationId: ADELE_CHAT }), verb: 'guest.resend', data: { email: 'jane@fabrikam.com', userId: SANDBOX_IDS.users.janePending } })),
    );
    assert.match(cardText((again.body as { value: unknown }).value), /Microsoft'tan daveti yeniden/);
  });
});

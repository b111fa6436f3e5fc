import assert from 'node:assert/strict';
import { BotHarness } from './integration/bot-harness';
import { personalMessage, send } from './support/teams-activities';

/**
 * The messaging endpoint as administrators type it into the bot registration: Azure accepts
 * `https://host/api/messages/` as readily as without the slash, and Teams then posts every activity there.
 */
describe('the messaging endpoint’s path', () => {
  let bot: BotHarness;
  before(async () => {
    bot = await BotHarness.start();
  });
  after(async () => {
    await bot?.stop();
  });

  it('answers an activity posted to /api/messages/ (trailing slash) as it does without', async () => {
    const activity = personalMessage('help', bot.activityOptions());
    const before = bot.connector.activities.length;
    const answer = await send(`${bot.botUrl}/api/messages/`, activity);
    assert.equal(answer.status, 200);
    await bot.connector.waitForActivities(before + 1, { conversationId: activity.conversation?.id });
  });

  it('still refuses other paths', async () => {
    const answer = await send(`${bot.botUrl}/api/messagesx`, personalMessage('help', bot.activityOptions()));
    assert.equal(answer.status, 404);
  });
});

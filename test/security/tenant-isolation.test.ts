import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { BotHarness } from '../integration/bot-harness';
import { adaptiveCardActionInvoke, channelMessage, personalMessage } from '../support/teams-activities';

const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';

/**
 * A multi-tenant bot registration can receive activities from any organization that installs the app. GuestPass
 * manages one tenant's directory, so anything from elsewhere must be refused before it reads or writes anything.
 */
describe('activities from other tenants', () => {
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(() => bot.stop());

  function assertUntouched(): void {
    assert.equal(bot.simulator.requests.length, 0, 'no Graph call');
    assert.equal(bot.entra.tokenRequests.length, 0, 'no Graph token');
  }

  it('refuses a chat message with a plain explanation', async () => {
    const [reply] = await bot.say(personalMessage('invite x@tailspin.com', bot.activityOptions({ tenantId: OTHER_TENANT })));
    assert.match(String(reply?.activity.text), /only the organization/i);
    assertUntouched();
    assert.equal((await bot.app.store.requests.list({})).length, 0, 'no request stored');
  });

  it('refuses a channel mention', async () => {
    const [reply] = await bot.say(channelMessage('status jane@fabrikam.com', bot.activityOptions({ tenantId: OTHER_TENANT })));
    assert.match(String(reply?.activity.text), /only the organization/i);
    assertUntouched();
  });

  it('answers a card action with 403 and does nothing', async () => {
    const invoke = adaptiveCardActionInvoke({
      ...bot.activityOptions({ tenantId: OTHER_TENANT }),
      verb: 'invite.submit',
      data: { email: 'x@tailspin.com' },
    });
    const response = await bot.send(invoke);
    assert.equal(response.status, 403);
    assertUntouched();
  });

  it('refuses an activity whose only tenant mark is a foreign channelData.tenant', async () => {
    const activity = personalMessage('invite x@tailspin.com', bot.activityOptions()) as Partial<Activity>;
    delete (activity.conversation as { tenantId?: string }).tenantId;
    activity.channelData = { tenant: { id: OTHER_TENANT } };
    const [reply] = await bot.say(activity);
    assert.match(String(reply?.activity.text), /only the organization/i);
    assertUntouched();
  });

  it('refuses an activity that names no tenant at all', async () => {
    const activity = personalMessage('invite x@tailspin.com', bot.activityOptions()) as Partial<Activity>;
    delete (activity.conversation as { tenantId?: string }).tenantId;
    activity.channelData = {};
    const [reply] = await bot.say(activity);
    assert.match(String(reply?.activity.text), /only the organization/i);
    assertUntouched();
  });
});

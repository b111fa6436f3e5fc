import assert from 'node:assert/strict';
import { BotHarness } from '../integration/bot-harness';
import { personalMessage } from '../support/teams-activities';

const INJECTION = "x' or userType eq 'Member";

/**
 * Addresses reach Graph inside `$filter` string literals. An apostrophe that is not doubled would end the literal
 * and let the rest of the address rewrite the query (here: "every Member"). The simulator parses filters as Graph
 * does, so these tests see the literal it received and what it matched.
 */
describe('OData literal injection through addresses', () => {
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await BotHarness.start();
  });
  afterEach(() => bot.stop());

  function lastFilter(): string {
    const lookup = bot.simulator.requestsTo('GET', '/v1.0/users').at(-1);
    return lookup?.query.get('$filter') ?? '';
  }

  it('escapes the literal in the directory gateway, and the filter matches nobody', async () => {
    const members = bot.simulator.directory.users.filter((user) => (user.userType ?? 'Member') === 'Member');
    assert.ok(members.length > 0, 'a widened filter would have something to find');
    const found = await bot.app.invitations.directory.findUsersByEmail(INJECTION);
    assert.deepEqual(found, [], 'the filter was not widened to every Member');
    assert.ok(lastFilter().includes("'x'' or userType eq ''Member'"), lastFilter());
    assert.ok(!/[^']'[^']*' or userType eq 'Member'/.test(lastFilter()), 'no bare literal end inside the value');
  });

  it('refuses the raw text as an address to invite, before any Graph call', async () => {
    const [reply] = await bot.say(personalMessage(`invite ${INJECTION}`, bot.activityOptions()));
    assert.ok(reply, 'an answer');
    assert.equal(bot.requestsBesidesAccountChecks().length, 0);
  });

  it('escapes the text of a status search by name, which then matches nobody', async () => {
    // Without an @, status looks for display names starting with the text: the injection lands in that literal.
    const [reply] = await bot.say(personalMessage(`status ${INJECTION}`, bot.activityOptions()));
    assert.ok(lastFilter().includes("'x'' or userType eq ''Member'"), lastFilter());
    const shown = JSON.stringify([reply?.activity.text, reply?.activity.attachments]);
    for (const member of ['Megan Bowen', 'Adele Vance']) assert.ok(!shown.includes(member), `${member} is not listed`);
  });

  it('escapes a valid address full of apostrophes and invites exactly that address', async () => {
    const address = "x'or'usertype'eq'member@tailspin.com";
    await bot.say(personalMessage(`invite ${address} --no-email`, bot.activityOptions()));
    assert.ok(lastFilter().includes("'x''or''usertype''eq''member@tailspin.com'"), lastFilter());
    const posts = bot.invitationPosts();
    assert.equal(posts.length, 1, 'nobody matched, so the invitation went out');
    assert.equal((posts[0]?.body as { invitedUserEmailAddress: string }).invitedUserEmailAddress, address);
  });

  it('escapes the status lookup too, and reports no match rather than somebody else', async () => {
    const [reply] = await bot.say(personalMessage("status jane'or'1'eq'1@fabrikam.com", bot.activityOptions()));
    assert.ok(lastFilter().includes("'jane''or''1''eq''1@fabrikam.com'"), lastFilter());
    assert.doesNotMatch(JSON.stringify([reply?.activity.text, reply?.activity.attachments]), /Jane Doe/, 'jane@fabrikam.com is not what was asked for');
  });
});

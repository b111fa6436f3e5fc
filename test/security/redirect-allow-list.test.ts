import assert from 'node:assert/strict';
import { BotHarness, cardOf, cardText } from '../integration/bot-harness';
import { adaptiveCardActionInvoke, personalMessage } from '../support/teams-activities';

const ALLOWED = 'https://contoso.sharepoint.com/sites/falcon';

/**
 * The redirect URL is where Entra sends the guest after redeeming: an open choice would let anyone use the
 * tenant's invitation email to lead a guest to a page of theirs. With an allow list, only those pages pass.
 */
describe('redirect URLs outside the allow list', () => {
  let bot: BotHarness;

  before(async () => {
    bot = await BotHarness.start({
      policy: { redirectUrls: { allowed: [ALLOWED], default: ALLOWED }, dailyQuotaPerRequester: 1000 },
    });
  });
  after(() => bot?.stop());

  const refused: [string, string][] = [
    ['another site', 'https://evil.example.com/welcome'],
    ['a look-alike host', 'https://contoso.sharepoint.com.evil.example/sites/falcon'],
    ['a longer path that only starts alike', `${ALLOWED}ry`],
    ['a sibling site', 'https://contoso.sharepoint.com/sites/other'],
    ['a dot-dot escape from the allowed path', `${ALLOWED}/../other`],
    ['an encoded dot-dot escape', `${ALLOWED}/%2e%2e/other`],
    ['plain http', 'http://contoso.sharepoint.com/sites/falcon'],
    ['credentials in the URL', 'https://attacker@contoso.sharepoint.com/sites/falcon'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['another port', 'https://contoso.sharepoint.com:8443/sites/falcon'],
  ];

  let n = 0;
  for (const [what, url] of refused) {
    it(`refuses ${what} by command and by form, before any Graph call`, async () => {
      const before = bot.requestsBesidesAccountChecks().length;
      const [reply] = await bot.say(personalMessage(`invite r${++n}@tailspin.com --redirect ${url}`, bot.activityOptions({ conversationId: `a:redirect-${n}` })));
      const text = reply?.activity.attachments?.length ? cardText(cardOf(reply)) : String(reply?.activity.text);
      assert.match(text, /not on the list of allowed redirect pages|not a valid web address|must start with https/, text);
      const response = await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: 'invite.submit', data: { email: `f${n}@tailspin.com`, redirectUrl: url } }),
      );
      const body = response.body as { value: unknown };
      assert.match(JSON.stringify(body.value), /not on the list of allowed redirect pages|not a valid web address|must start with https/);
      assert.equal(bot.requestsBesidesAccountChecks().length, before, 'nothing reached Graph');
    });
  }

  it('accepts a page under an allowed one, and sends exactly that URL', async () => {
    await bot.say(personalMessage(`invite ok@tailspin.com --redirect ${ALLOWED}/docs/start`, bot.activityOptions({ conversationId: 'a:redirect-ok' })));
    const post = bot.invitationPosts().at(-1);
    assert.equal((post?.body as { inviteRedirectUrl: string }).inviteRedirectUrl, `${ALLOWED}/docs/start`);
  });
});

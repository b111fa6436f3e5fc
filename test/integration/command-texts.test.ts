import assert from 'node:assert/strict';
import { INVITE_OPTION_NAMES } from '../../src/teams/handlers/invite-command';
import { personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';

const { megan } = TEAMS_TEST_USERS;

describe('what the invite and status commands tell people, through the bot', () => {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start({ policy: { admins: { users: [megan.aadObjectId], groups: [] } } });
  });
  afterEach(() => bot.stop());

  const say = (text: string, replies = 1, locale?: string) => bot.say(personalMessage(text, bot.activityOptions({ from: megan, ...(locale ? { locale } : {}) })), replies);

  it('answers "status" alone with its usage', async () => {
    const [reply] = await say('status');
    assert.match(reply!.activity.text ?? '', /Usage: status EMAIL-OR-NAME: A guest's invitation status/);
  });

  it('warns that --message and --cc go nowhere with --no-email, after inviting', async () => {
    const replies = await say('invite quiet@tailspin.com --no-email --message "Welcome" --cc pm@contoso.com', 3);
    assert.match(cardText(cardOf(replies[0])), /Guest invited/);
    assert.match(replies[1]!.activity.text ?? '', /no invitation email, so your --message is not sent anywhere/);
    assert.match(replies[2]!.activity.text ?? '', /nobody gets a copy: --cc is ignored/);
    assert.equal(bot.invitationPosts().length, 1);
  });

  it('refuses a second --cc and sends nothing', async () => {
    const [reply] = await say('invite twice@tailspin.com --cc a@contoso.com --cc b@contoso.com');
    assert.match(reply!.activity.text ?? '', /The option --cc can be given only once/);
    assert.equal(bot.invitationPosts().length, 0);
  });

  it('refuses a --lang Entra writes no invitation email in, and does not pass on a Teams language it lacks', async () => {
    const [refused] = await say('invite lang@tailspin.com --lang sw-KE');
    assert.match(cardText(cardOf(refused)), /Entra does not write its invitation email in "sw-KE"/);
    assert.equal(bot.invitationPosts().length, 0);
    await say('invite swahili@tailspin.com', 1, 'sw-KE');
    const [post] = bot.invitationPosts();
    assert.equal((post!.body as { invitedUserMessageInfo?: { messageLanguage?: string } }).invitedUserMessageInfo?.messageLanguage, undefined);
  });

  it('says "member" for a Member invitation', async () => {
    const [reply] = await say('invite member@tailspin.com --member --no-email');
    const text = cardText(cardOf(reply));
    assert.match(text, /Member invited/);
    assert.match(text, /takes the member account/);
    assert.doesNotMatch(text, /Guest invited|guest account/);
  });

  it('answers an option invite does not have with the options it has, in either language', async () => {
    for (const locale of ['en-US', 'tr-TR']) {
      const [reply] = await say('invite someone@tailspin.com --bogus', 1, locale);
      const text = reply!.activity.text ?? '';
      assert.match(text, /--bogus/);
      for (const option of INVITE_OPTION_NAMES) assert.match(text, new RegExp(`--${option}\\b`), `${locale}: --${option}`);
    }
    assert.equal(bot.invitationPosts().length, 0);
  });

  it('tells the truth about --message in help', async () => {
    const [reply] = await say('help');
    assert.match(cardText(cardOf(reply)), /when the app sends the invitation, as by default, Entra leaves it out/);
  });
});

import assert from 'node:assert/strict';
import { InvitationPolicy } from '../../src/invitation/policy';
import { dateFormatterFor } from '../../src/teams/turn';
import { adaptiveCardActionInvoke, personalMessage, TEAMS_TEST_USERS } from '../support/teams-activities';
import { BotHarness, cardOf, cardText } from './bot-harness';

/** `YYYY-MM-DD` this many days from today (UTC), as a person would type it. */
function dayIn(days: number): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days)).toISOString().slice(0, 10);
}
const endOf = (date: string) => `${date}T23:59:59.999Z`;
const shown = dateFormatterFor('en-US');

/** Access for 30 days by default, 90 at most; partners at litware.com may get a year. */
const ACCESS: Partial<InvitationPolicy> = {
  access: { defaultDays: 30, maxDays: 90, domains: [{ pattern: 'litware.com', maxDays: 365 }] },
};

describe('access that ends, asked for in Teams, end to end', function () {
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start({ policy: ACCESS });
  });
  afterEach(() => bot.stop());

  const storedFor = async (email: string) => {
    const all = await bot.app.store.requests.list({});
    return all.map((versioned) => versioned.value).find((request) => request.invitation.email === email);
  };

  it('invites with the end date typed after --until, stores it and shows it in status', async () => {
    const until = dayIn(60);
    await bot.say(personalMessage(`invite until@tailspin.com "Una Til" --until ${until} --no-email`, bot.activityOptions()));
    assert.equal(bot.invitationPosts().length, 1);
    const request = await storedFor('until@tailspin.com');
    assert.equal(request?.state, 'invited');
    assert.deepEqual(request?.access, { endsAt: endOf(until) });

    const [status] = await bot.say(personalMessage('status until@tailspin.com', bot.activityOptions()));
    const text = cardText(cardOf(status));
    assert.ok(text.includes('Access ends'), text);
    assert.ok(text.includes(shown(endOf(until))), text);
  });

  it("gives the domain's default without --until, and a longer maximum to the domain that has one", async () => {
    await bot.say(personalMessage('invite plain@tailspin.com', bot.activityOptions()));
    assert.deepEqual((await storedFor('plain@tailspin.com'))?.access, { endsAt: endOf(dayIn(30)) });
    await bot.say(personalMessage(`invite partner@litware.com --until ${dayIn(300)}`, bot.activityOptions()));
    assert.deepEqual((await storedFor('partner@litware.com'))?.access, { endsAt: endOf(dayIn(300)) });
    assert.equal(bot.invitationPosts().length, 2);
  });

  const refusals: [string, string, RegExp][] = [
    ['beyond the maximum, naming the latest date', dayIn(91), new RegExp(`at most 90 days: the latest end date is ${dayIn(90)}`)],
    ['in the past', dayIn(-1), new RegExp(`${dayIn(-1)} is in the past: access can end today \\(${dayIn(0)}, UTC\\) at the earliest`)],
    ['not a date', '31.03.2027', /"31\.03\.2027" is not a date; write it as YYYY-MM-DD/],
  ];
  for (const [what, until, message] of refusals) {
    it(`refuses --until ${what}, before any Graph call and without recording a request`, async () => {
      const [reply] = await bot.say(personalMessage(`invite late@tailspin.com --until ${until}`, bot.activityOptions()));
      assert.match(cardText(cardOf(reply)), message);
      assert.equal(bot.requestsBesidesAccountChecks().length, 0);
      assert.equal(await storedFor('late@tailspin.com'), undefined);
    });
  }

  it('explains a refused date in Turkish to a Turkish client', async () => {
    const [reply] = await bot.say(personalMessage(`invite late@tailspin.com --until ${dayIn(120)}`, bot.activityOptions({ locale: 'tr-TR' })));
    assert.match(cardText(cardOf(reply)), new RegExp(`en fazla 90 gün sürebilir: en geç bitiş tarihi ${dayIn(90)}`));
  });

  it('offers a date on the form from today to the longest maximum, and invites with the chosen date', async () => {
    const [form] = await bot.say(personalMessage('invite', bot.activityOptions()));
    const picker = (cardOf(form).body as { type: string; id?: string; min?: string; max?: string }[]).find((element) => element.type === 'Input.Date');
    assert.deepEqual({ id: picker?.id, min: picker?.min, max: picker?.max }, { id: 'accessEnd', min: dayIn(0), max: dayIn(365) });
    assert.match(cardText(cardOf(form)), /Leave empty for the usual 30 days/);

    const response = await bot.send(
      adaptiveCardActionInvoke({ ...bot.activityOptions(), verb: 'invite.submit', data: { email: 'formdate@tailspin.com', sendEmail: 'false', member: 'false', accessEnd: dayIn(10) } }),
    );
    assert.match(cardText((response.body as { value: unknown }).value), /redeem\?rd=/);
    assert.deepEqual((await storedFor('formdate@tailspin.com'))?.access, { endsAt: endOf(dayIn(10)) });
  });

  it('re-shows the form with everything typed and the latest date when the chosen date is too late', async () => {
    const response = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions(),
        verb: 'invite.submit',
        data: { email: 'toolate@tailspin.com', displayName: 'Keep Me', message: 'Welcome', sendEmail: 'true', member: 'false', accessEnd: dayIn(200) },
      }),
    );
    const card = (response.body as { value: { body: { type: string; id?: string; value?: string }[] } }).value;
    const value = (id: string) => card.body.find((element) => element.id === id)?.value;
    assert.deepEqual([value('email'), value('displayName'), value('message'), value('accessEnd')], ['toolate@tailspin.com', 'Keep Me', 'Welcome', dayIn(200)]);
    const dateIndex = card.body.findIndex((element) => element.id === 'accessEnd');
    assert.match(JSON.stringify(card.body[dateIndex + 1]), new RegExp(`the latest end date is ${dayIn(90)}`));
    assert.equal(bot.requestsBesidesAccountChecks().length, 0);
    assert.equal(await storedFor('toolate@tailspin.com'), undefined);
  });
});

describe('access that ends, on a request that waits for approval', function () {
  const { megan, adele } = TEAMS_TEST_USERS;
  let bot: BotHarness;
  beforeEach(async () => {
    bot = await BotHarness.start({
      policy: { ...ACCESS, approval: { rule: 'always', trustedDomains: [] }, approvers: { users: [adele.aadObjectId], groups: [] }, admins: { users: [], groups: [] } },
    });
    await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: 'a:adele-personal' })));
  });
  afterEach(() => bot.stop());

  it('decides the end date when asked, shows it to the approver, and keeps it through the approval', async () => {
    const until = dayIn(45);
    await bot.say(personalMessage(`invite waits@tailspin.com --until ${until}`, bot.activityOptions({ from: megan })));
    const [pending] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    assert.deepEqual(pending?.value.access, { endsAt: endOf(until) });
    assert.equal(bot.invitationPosts().length, 0);

    const [approvalCard] = await bot.connector.waitForActivities(1, { conversationId: 'a:adele-personal', where: (a) => a.operation !== 'update' && /Guest invitation request/.test(JSON.stringify(a.activity)) });
    const text = cardText(cardOf(approvalCard));
    assert.ok(text.includes('Access ends'), text);
    assert.ok(text.includes(shown(endOf(until))), text);

    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, conversationId: 'a:adele-personal' }), verb: 'request.approve', data: { requestId: pending!.value.id } }));
    // The invitation is sent after the approver's card is answered.
    let decided = await bot.app.store.requests.get(pending!.value.id);
    for (let tries = 0; decided?.value.state !== 'invited' && tries < 200; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      decided = await bot.app.store.requests.get(pending!.value.id);
    }
    assert.equal(decided?.value.state, 'invited');
    assert.deepEqual(decided?.value.access, { endsAt: endOf(until) });
    assert.equal(bot.invitationPosts().length, 1);
  });
});

import assert from 'node:assert/strict';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { adaptiveCardActionInvoke, channelMessage, personalMessage } from '../support/teams-activities';
import { adele, dave, hasDecisionButtons, megan, requestFromMegan as requestInChannel, startApprovalsBot } from './approvals-setup';
import { BotHarness, cardOf, cardText, StandIns } from './bot-harness';

const APPROVERS_CHANNEL = '19:approvers@thread.tacv2';

/** The card's Action.Execute with `verb` about `requestId`, with the data the client would send back. */
function executeAction(card: unknown, verb: string, requestId: string): { data: Record<string, unknown> } | undefined {
  let found: { data: Record<string, unknown> } | undefined;
  const walk = (node: unknown): void => {
    if (found || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) return node.forEach(walk);
    const record = node as Record<string, unknown>;
    const data = record.data as Record<string, unknown> | undefined;
    if (record.type === 'Action.Execute' && record.verb === verb && data?.requestId === requestId) found = { data };
    // A refresh is Teams asking for a view, not a button the person sees.
    for (const [key, child] of Object.entries(record)) if (key !== 'refresh') walk(child);
  };
  walk(card);
  return found;
}

describe('approvals through Teams, end to end', () => {
  let bot: BotHarness;

  beforeEach(async () => {
    bot = await startApprovalsBot();
  });
  afterEach(() => bot.stop());

  const requestFromMegan = (address?: string) => requestInChannel(bot, address);

  it('tells a requester who asked in their personal chat the link right there', async () => {
    const [reply] = await bot.say(personalMessage('invite p@untrusted.org --no-email', bot.activityOptions({ from: megan })));
    const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.approve', data: { requestId: stored!.value.id } }));
    const told = await bot.connector.waitForActivities(2, { conversationId: reply!.conversationId });
    assert.match(cardText(cardOf(told.at(-1))), /redeem\?rd=/);
    assert.equal(bot.connector.createdConversations.length, 0);
  });

  it('refuses self-approval, non-approvers and a second decision, with a clear note', async () => {
    const { request } = await requestFromMegan();
    const own = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.match(String((own.body as { value: unknown }).value), /own request/);
    const stranger = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: dave }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.match(String((stranger.body as { value: unknown }).value), /Only the approvers/);
    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.reject', data: { requestId: request.id, reason: 'Unknown company' } }));
    const again = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.approve', data: { requestId: request.id } }));
    assert.match(cardText((again.body as { value: unknown }).value), /Unknown company/, 'the card shows the first decision');
    assert.equal(bot.invitationPosts().length, 0);
  });

  it('rejecting needs a reason; the requester is told why', async () => {
    const { reply, request } = await requestFromMegan();
    const empty = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.reject', data: { requestId: request.id, reason: '  ' } }));
    assert.match(String((empty.body as { value: unknown }).value), /reason/);
    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.reject', data: { requestId: request.id, reason: 'Not a partner of ours' } }));
    const told = await bot.connector.waitForActivities(2, { conversationId: reply!.conversationId });
    assert.match(cardText(cardOf(told.at(-1))), /Not a partner of ours/);
    assert.equal((await bot.app.store.requests.get(request.id))?.value.state, 'rejected');
  });

  it('shows approvers their buttons on refresh and everyone else a read-only card', async () => {
    const { request } = await requestFromMegan();
    const forAdele = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.refresh', data: { requestId: request.id } }));
    assert.ok(hasDecisionButtons((forAdele.body as { value: unknown }).value));
    const forDave = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: dave }), verb: 'request.refresh', data: { requestId: request.id } }));
    assert.ok(!hasDecisionButtons((forDave.body as { value: unknown }).value));
  });

  it('lists pending approvals for the approver and lets the requester cancel', async () => {
    const { request } = await requestFromMegan();
    const [list] = await bot.say(personalMessage('requests', bot.activityOptions({ from: adele, conversationId: 'a:adele-personal' })));
    assert.ok(cardText(cardOf(list)).includes(request.id));
    const [mine] = await bot.say(personalMessage('my requests', bot.activityOptions({ from: megan })));
    assert.ok(cardText(cardOf(mine)).includes('x@untrusted.org'));
    const [cancelled] = await bot.say(personalMessage(`cancel ${request.id.toLowerCase()}`, bot.activityOptions({ from: megan })));
    assert.match(cancelled?.activity.text ?? '', /cancelled/);
    assert.equal((await bot.app.store.requests.get(request.id))?.value.state, 'cancelled');
  });

  it('deciding one request from the requests list updates that entry and keeps the others with their buttons', async () => {
    await requestFromMegan('first@untrusted.org');
    await requestFromMegan('second@untrusted.org');
    const [first, second] = await Promise.all(['first@untrusted.org', 'second@untrusted.org'].map(pendingRequestFor));
    const adeleChat = bot.activityOptions({ from: adele, conversationId: 'a:adele-personal' });
    const [list] = await bot.say(personalMessage('requests', adeleChat));
    const approveFirst = executeAction(cardOf(list), 'request.approve', first.id);
    assert.ok(approveFirst, 'the list offers a decision on each request');

    const response = await bot.send(
      adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele, conversationId: 'a:adele-personal', replyToId: list!.activityId }), verb: 'request.approve', data: approveFirst.data }),
    );
    const answer = (response.body as { value: unknown }).value;
    assertListEntries(answer, { decided: first.id, open: second.id });
    assert.match(cardText(answer), /Approved by Adele Vance/);

    const [updated] = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === list!.activityId });
    assertListEntries(cardOf(updated), { decided: first.id, open: second.id });
    assert.match(cardText(cardOf(updated)), /Approved by Adele Vance .*: invited/);

    // The other entry's Reject, from the updated list, with its own reason input.
    const rejectSecond = executeAction(cardOf(updated), 'request.reject', second.id)!;
    const rejected = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: adele, conversationId: 'a:adele-personal', replyToId: list!.activityId }),
        verb: 'request.reject',
        data: { ...rejectSecond.data, [String(rejectSecond.data.reasonField)]: 'Unknown company' },
      }),
    );
    const afterReject = (rejected.body as { value: unknown }).value;
    assert.ok(!hasDecisionButtons(afterReject), 'both decided: no buttons left');
    assert.match(cardText(afterReject), /first@untrusted\.org/);
    assert.match(cardText(afterReject), /second@untrusted\.org/);
    assert.match(cardText(afterReject), /Unknown company/);
    assert.equal(bot.invitationPosts().length, 1);
  });

  it("after a decision, the requester's card and list no longer offer Cancel request", async () => {
    const { reply, request } = await requestFromMegan();
    const card = cardOf(reply);
    assert.ok(executeAction(card, 'request.cancel', request.id), 'pending: the requester may cancel');
    const refresh = card.refresh as { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
    assert.deepEqual(refresh.userIds, [`8:orgid:${megan.aadObjectId}`], 'Teams refreshes the card for the requester');
    const refreshFor = async () => {
      const response = await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan }), verb: refresh.action.verb, data: refresh.action.data }),
      );
      return (response.body as { value: unknown }).value;
    };
    assert.ok(executeAction(await refreshFor(), 'request.cancel', request.id), 'still pending: Cancel request stays');

    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.reject', data: { requestId: request.id, reason: 'Not a partner' } }));
    const refreshed = await refreshFor();
    assert.equal(executeAction(refreshed, 'request.cancel', request.id), undefined);
    assert.match(cardText(refreshed), /Not a partner/);

    // The Cancel button of a copy Teams did not refresh: the card shows the decision, nothing is cancelled.
    const stale = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan }), verb: 'request.cancel', data: { requestId: request.id } }));
    const staleAnswer = stale.body as { type: string; value: unknown };
    assert.equal(staleAnswer.type, 'application/vnd.microsoft.card.adaptive');
    assert.equal(executeAction(staleAnswer.value, 'request.cancel', request.id), undefined);
    assert.match(cardText(staleAnswer.value), /Not a partner/);
    assert.equal((await bot.app.store.requests.get(request.id))?.value.state, 'rejected');

    const [mine] = await bot.say(personalMessage('my requests', bot.activityOptions({ from: megan })));
    assert.equal(executeAction(cardOf(mine), 'request.cancel', request.id), undefined);
  });

  it('cancelling from the my requests list shows the list again with that request cancelled', async () => {
    await requestFromMegan('first@untrusted.org');
    await requestFromMegan('second@untrusted.org');
    const [first, second] = await Promise.all(['first@untrusted.org', 'second@untrusted.org'].map(pendingRequestFor));
    const [mine] = await bot.say(personalMessage('my requests', bot.activityOptions({ from: megan })));
    const cancel = executeAction(cardOf(mine), 'request.cancel', first.id)!;
    const response = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: megan, replyToId: mine!.activityId }), verb: 'request.cancel', data: cancel.data }));
    const answer = (response.body as { value: unknown }).value;
    assert.equal(executeAction(answer, 'request.cancel', first.id), undefined);
    assert.ok(executeAction(answer, 'request.cancel', second.id), 'the other request keeps its button');
    assert.match(cardText(answer), /Cancelled by Megan Bowen/);
  });

  it('a forged list or refresh shows nobody a request that is not theirs to see', async () => {
    const { request: megans } = await requestFromMegan('megan-guest@untrusted.org');
    await bot.say(channelMessage('invite dave-guest@untrusted.org --no-email', bot.activityOptions({ from: dave })));
    const daves = await pendingRequestFor('dave-guest@untrusted.org');
    const response = await bot.send(
      adaptiveCardActionInvoke({
        ...bot.activityOptions({ from: dave }),
        verb: 'request.cancel',
        data: { requestId: daves.id, list: 'myRequests', listed: `${daves.id},${megans.id}` },
      }),
    );
    const answer = cardText((response.body as { value: unknown }).value);
    assert.match(answer, /dave-guest@untrusted\.org/);
    assert.doesNotMatch(answer, /megan-guest|Megan/);
    const refresh = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: dave }), verb: 'request.refreshOwn', data: { requestId: megans.id } }));
    assert.doesNotMatch(JSON.stringify(refresh.body), /megan-guest/);
    assert.equal((await bot.app.store.requests.get(megans.id))?.value.state, 'pendingApproval');
  });

  async function pendingRequestFor(email: string) {
    const all = await bot.app.store.requests.list({});
    const found = all.find(({ value }) => value.invitation.email === email);
    assert.ok(found, email);
    return found.value;
  }

  /** In a list: the decided request has no decision buttons, the open one still has them. */
  function assertListEntries(card: unknown, { decided, open }: { decided: string; open: string }) {
    assert.match(cardText(card), new RegExp(decided));
    assert.equal(executeAction(card, 'request.approve', decided), undefined, 'the decided entry has no buttons');
    assert.equal(executeAction(card, 'request.reject', decided), undefined, 'the decided entry has no buttons');
    assert.ok(executeAction(card, 'request.approve', open), 'the other entry keeps Approve');
    assert.ok(executeAction(card, 'request.reject', open), 'the other entry keeps Reject');
  }

  it('audit is for admins only', async () => {
    await requestFromMegan();
    const [reply] = await bot.say(personalMessage('audit 5', bot.activityOptions({ from: dave })));
    assert.match(reply?.activity.text ?? '', /Only GuestPass administrators/);
  });
});

describe('approval cards in the approvers’ channel', () => {
  let standIns: StandIns;
  let bot: BotHarness;
  beforeEach(async () => {
    // The stand-ins first: the policy names the channel's service URL, the fake connector's address.
    standIns = await StandIns.start();
    bot = await BotHarness.start({
      standIns,
      policy: {
        approval: { rule: 'always', trustedDomains: [] },
        approvers: { users: [adele.aadObjectId], groups: [] },
        delivery: { personal: false, channel: { teamId: SANDBOX_IDS.partnersTeam, channelId: APPROVERS_CHANNEL, serviceUrl: standIns.connector.serviceUrl } },
      },
    });
  });
  afterEach(async () => {
    await bot.stop();
    await standIns.stop();
  });

  it('posts the card to the channel and updates it there after the decision', async () => {
    await bot.say(personalMessage('invite y@tailspin.com', bot.activityOptions({ from: megan })));
    const [posted] = await bot.connector.waitForActivities(1, { conversationId: APPROVERS_CHANNEL });
    const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
    await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.approve', data: { requestId: stored!.value.id } }));
    const updates = await bot.connector.waitForActivities(1, { where: (a) => a.operation === 'update' && a.activityId === posted!.activityId });
    assert.match(cardText(cardOf(updates[0])), /Adele Vance/);
    await bot.app.background.idle();
    assert.equal(bot.invitationPosts().length, 1);
  });
});

describe('approvers named by group or by user principal name', () => {
  const cases: [string, { users: string[]; groups: string[] }][] = [
    ['a group (Megan, the requester, is in it too and is left out)', { users: [], groups: [SANDBOX_IDS.partnersTeam] }],
    ['a user principal name', { users: ['adele@contoso.com'], groups: [] }],
  ];
  for (const [how, approvers] of cases) {
    it(`sends the card personally to approvers named by ${how}, with their user-specific view`, async () => {
      const bot = await BotHarness.start({ policy: { approval: { rule: 'always', trustedDomains: [] }, approvers, admins: { users: [], groups: [] } } });
      try {
        await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: 'a:adele-personal' })));
        await bot.say(personalMessage('invite z@tailspin.com', bot.activityOptions({ from: megan })));
        const [card] = await bot.connector.waitForActivities(2, { conversationId: 'a:adele-personal' }).then((all) => all.slice(1));
        assert.deepEqual((cardOf(card).refresh as { userIds: string[] }).userIds, [`8:orgid:${adele.aadObjectId}`]);
        const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
        const response = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from: adele }), verb: 'request.approve', data: { requestId: stored!.value.id } }));
        assert.ok(!hasDecisionButtons((response.body as { value: unknown }).value));
        await bot.app.background.idle();
        assert.equal(bot.invitationPosts().length, 1);
      } finally {
        await bot.stop();
      }
    });
  }
});

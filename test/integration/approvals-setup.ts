import assert from 'node:assert/strict';
import { sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { channelMessage, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { BotHarness } from './bot-harness';

/** What the approval tests share: the policy, the people, a bot that reaches Adele personally, and a request from Megan. */

export const { megan, adele } = TEAMS_TEST_USERS;
export const dave: TeamsUser = { id: '29:1dave-teams-id', name: 'Dave Bystander', aadObjectId: '4d4d4d4d-0000-4000-8000-000000000004' };
export const ADELE_PERSONAL = 'a:adele-personal';

export function hasDecisionButtons(card: unknown): boolean {
  return /request\.approve/.test(JSON.stringify(card));
}

/** Adele approves requests for addresses outside tailspin.com; Dave is a member of the tenant whom the policy names nowhere. */
export async function startApprovalsBot(): Promise<BotHarness> {
  const seed = sandboxDirectorySeed();
  seed.users.push(directoryAccountOf(dave));
  const bot = await BotHarness.start({
    seed,
    policy: {
      approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com'] },
      approvers: { users: [adele.aadObjectId], groups: [] },
      admins: { users: [], groups: [] },
    },
  });
  // Adele has opened her personal chat with the bot once, so it can reach her there.
  await bot.say(personalMessage('help', bot.activityOptions({ from: adele, conversationId: ADELE_PERSONAL })));
  return bot;
}

/** Megan asks in a channel to invite `address` without email; returns her reply, the stored request and Adele's approval card. */
export async function requestFromMegan(bot: BotHarness, address = 'x@untrusted.org') {
  const before = bot.connector.activities.length;
  const [reply] = await bot.say(channelMessage(`invite ${address} --no-email`, bot.activityOptions({ from: megan })));
  const [stored] = await bot.app.store.requests.list({ states: ['pendingApproval'] });
  assert.ok(stored, 'the request is stored as pending approval');
  await bot.connector.waitForActivities(1, { conversationId: ADELE_PERSONAL, where: (a) => bot.connector.activities.indexOf(a) >= before && a.operation !== 'update' });
  const approvalCard = bot.connector.activities.filter((a) => a.conversationId === ADELE_PERSONAL).at(-1)!;
  return { reply, request: stored.value, approvalCard };
}

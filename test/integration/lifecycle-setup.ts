import assert from 'node:assert/strict';
import type { DirectorySeed } from '../../src/sandbox/graph-simulator';
import { SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import { ControlledClock } from '../invitation/fixtures';
import { adaptiveCardActionInvoke, ConversationKind, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { BotHarness } from './bot-harness';

/** What the guest lifecycle tests share: the policy, seeds, a bot with a controlled clock, and short ways to talk to it. */

export const { megan, adele } = TEAMS_TEST_USERS;
export const MEGAN_PERSONAL = `a:1personal-${megan.aadObjectId}`;
/** Adele is the admin; two offered targets, a group and a team. */
export const POLICY = {
  admins: { users: [adele.aadObjectId], groups: [] },
  offeredGroups: [
    { id: SANDBOX_IDS.projectGroup, displayName: 'Project Falcon', kind: 'group' as const },
    { id: SANDBOX_IDS.partnersTeam, displayName: 'Contoso Partners', kind: 'team' as const },
  ],
};

export function seedWith(extra: DirectorySeed['users']): DirectorySeed {
  const seed = sandboxDirectorySeed();
  seed.users.push(...extra);
  return seed;
}

export const guestSeed = (name: string, address: string, state = 'PendingAcceptance') => ({
  displayName: name,
  userPrincipalName: `${address.replace('@', '_')}#EXT#@contoso.onmicrosoft.com`,
  mail: address,
  otherMails: [address],
  userType: 'Guest' as const,
  externalUserState: state,
  externalUserStateChangeDateTime: '2026-01-05T10:00:00Z',
  creationType: 'Invitation',
});

/** The verbs on a card, in order. */
export const verbs = (card: unknown) => [...JSON.stringify(card).matchAll(/"verb":"([^"]+)"/g)].map((match) => match[1]);

export interface LifecycleBot {
  bot: BotHarness;
  clock: ControlledClock;
  say(text: string, from?: TeamsUser, replies?: number): ReturnType<BotHarness['say']>;
  press(verb: string, data: Record<string, string>, from?: TeamsUser, conversationKind?: ConversationKind): Promise<{ type: string; value: unknown }>;
  guestId(address: string): string;
}

export async function startLifecycleBot(seed: DirectorySeed = sandboxDirectorySeed()): Promise<LifecycleBot> {
  const bot = await BotHarness.start({ seed, policy: POLICY });
  // The bot's use cases and jobs read the clock from the invitation context on every call and round.
  const clock = new ControlledClock(new Date());
  bot.app.invitations.clock = clock;
  return {
    bot,
    clock,
    say: (text, from = megan, replies = 1) => bot.say(personalMessage(text, bot.activityOptions({ from })), replies),
    async press(verb, data, from = megan, conversationKind = 'personal') {
      const response = await bot.send(adaptiveCardActionInvoke({ ...bot.activityOptions({ from }), verb, data, conversationKind }));
      assert.equal(response.status, 200);
      return response.body as { type: string; value: unknown };
    },
    guestId: (address) => bot.simulator.directory.findUserByEmail(address)!.id,
  };
}

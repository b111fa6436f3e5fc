import assert from 'node:assert/strict';
import { GovernedGuest } from '../../src/invitation/lifecycle/governed-guest';
import { LifecycleContext } from '../../src/invitation/lifecycle/lifecycle-context';
import { LifecyclePolicy, AccessPolicy, DEFAULT_LIFECYCLE_POLICY } from '../../src/invitation/lifecycle/lifecycle-policy';
import { LifecycleRunReport, runLifecycle } from '../../src/invitation/lifecycle/lifecycle-use-cases';
import { sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import type { RecordedActivity } from '../support/fake-bot-connector';
import { adaptiveCardActionInvoke, directoryAccountOf, personalMessage, TEAMS_TEST_USERS, TeamsUser } from '../support/teams-activities';
import { ControlledClock } from '../invitation/fixtures';
import { BotHarness, cardOf } from './bot-harness';

/** What the guest governance tests through Teams share: a bot with a controlled clock, the lifecycle run, the chats. */

export const { megan, adele } = TEAMS_TEST_USERS;
/** A member who is neither sponsor nor administrator. */
export const dave: TeamsUser = { id: '29:1dave-teams-id', name: 'Dave Member', aadObjectId: '4d4d4d4d-0000-4000-8000-000000000004' };
export const DAY_MS = 24 * 60 * 60 * 1000;
export const MEGAN_PERSONAL = `a:1personal-${megan.aadObjectId}`;
const CATALOG_ID = 'a1b2c3d4-0000-4000-8000-0000000ca7a1';
/** The chat Teams makes when GuestPass is installed for Adele, who never wrote to it. */
export const ADELE_INSTALLED_CHAT = `19:${adele.aadObjectId}_${CATALOG_ID}@unq.gbl.spaces`;

/** Access granted for `days` from `now` runs to the close of that UTC day, as a request's end date does. */
export function endOfDayAfter(now: Date, days: number): string {
  const day = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + days * DAY_MS;
  return new Date(day + DAY_MS - 1).toISOString();
}

export const ACCESS: AccessPolicy = { defaultDays: 30, maxDays: 180, domains: [] };

export interface GovernanceBot {
  bot: BotHarness;
  clock: ControlledClock;
  ctx: LifecycleContext;
  say(text: string, from?: TeamsUser): Promise<RecordedActivity | undefined>;
  /** Presses a button; `on` is the card's message (its conversation and id), as Teams sends them. */
  press(verb: string, data: Record<string, string>, from: TeamsUser, on?: RecordedActivity): Promise<{ type: string; value: unknown }>;
  /** Megan invites the address (default access: 30 days); the guest's object id. */
  invite(address: string): Promise<string>;
  run(): Promise<LifecycleRunReport>;
  guest(userId: string): Promise<GovernedGuest>;
  /** The cards sent (not updates) into a conversation, in order. */
  cardsIn(conversationId: string): RecordedActivity[];
}

export async function startGovernanceBot(lifecycle: Partial<LifecyclePolicy> = {}): Promise<GovernanceBot> {
  const seed = sandboxDirectorySeed();
  seed.users.push(directoryAccountOf(dave));
  const clock = new ControlledClock(new Date('2026-11-02T09:00:00Z'));
  const bot = await BotHarness.start({
    seed: { ...seed, teamsApps: [{ id: CATALOG_ID, externalId: '00000000-0000-4000-8000-00000000b07e', displayName: 'GuestPass' }] },
    env: { TEAMS_APP_CATALOG_ID: CATALOG_ID },
    // What enforcement needs (disable, delete, sponsors) besides inviting; GuestPass refuses to start without it.
    appRoles: ['User.Invite.All', 'User.ReadWrite.All', 'TeamsAppInstallation.ReadWriteSelfForUser.All'],
    policy: {
      admins: { users: [adele.aadObjectId], groups: [] },
      access: ACCESS,
      lifecycle: { ...DEFAULT_LIFECYCLE_POLICY, enforcement: 'enforce', ...lifecycle },
    },
  });
  bot.app.invitations.clock = clock;
  const ctx = bot.app.invitations.lifecycle;
  assert.ok(ctx, 'the memory store keeps governed guests: the lifecycle is wired');
  const cardsIn = (conversationId: string) => bot.connector.activities.filter((a) => a.conversationId === conversationId && a.operation !== 'update' && a.activity.attachments?.length);
  const say = async (text: string, from = megan) => (await bot.say(personalMessage(text, bot.activityOptions({ from }))))[0];
  return {
    bot,
    clock,
    ctx,
    say,
    async press(verb, data, from, on) {
      const response = await bot.send(
        adaptiveCardActionInvoke({ ...bot.activityOptions({ from, conversationId: on?.conversationId, replyToId: on?.activityId }), verb, data: { locale: 'en', ...data } }),
      );
      assert.equal(response.status, 200);
      return response.body as { type: string; value: unknown };
    },
    async invite(address) {
      await say(`invite ${address} ${address.split('@')[0]} Guest`);
      const user = bot.simulator.directory.findUserByEmail(address);
      assert.ok(user, `${address} was invited`);
      assert.ok(await ctx.guests.get(user.id), `${address} is governed`);
      return user.id;
    },
    run: () => runLifecycle(ctx),
    async guest(userId) {
      const stored = await ctx.guests.get(userId);
      assert.ok(stored);
      return stored.value;
    },
    cardsIn,
  };
}

/** The verbs of a card's buttons, wherever they are (its refresh is no button). */
export const buttonVerbs = (card: Record<string, unknown>) => [...JSON.stringify([card.body, card.actions]).matchAll(/"verb":"([^"]+)"/g)].map((match) => match[1]);

/** The review card's data (guest and review round) as its refresh carries it. */
export function reviewDataOf(recorded: RecordedActivity | undefined): { userId: string; reviewId: string } {
  const refresh = (cardOf(recorded) as { refresh?: { action: { data: { userId: string; reviewId: string } } } }).refresh;
  assert.ok(refresh, 'a review card waiting for an answer');
  return { userId: refresh.action.data.userId, reviewId: refresh.action.data.reviewId };
}

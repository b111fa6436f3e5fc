import {
  Activity,
  BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConversationReference,
  InvokeResponse,
  ResourceResponse,
  TurnContext,
} from 'botbuilder';
import { InvitationRequest } from '../../src/invitation/invitation-request';
import { InvitationPolicy } from '../../src/invitation/policy';
import { createLogger } from '../../src/logging/logger';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { BackgroundWork } from '../../src/teams/background-work';
import { BotServices } from '../../src/teams/bot-services';
import { CardFollowUp } from '../../src/teams/card-follow-up';
import { GuestPassBot } from '../../src/teams/guestpass-bot';
import { PrivateChat } from '../../src/teams/private-chat';
import { ALICE, harness, Harness } from '../invitation/fixtures';
import { TEAMS_TEST_USERS } from '../support/teams-activities';

/** What one turn produced: the activities sent, the invoke response, or the error that escaped the bot. */
export interface TurnResult {
  replies: Partial<Activity>[];
  invokeResponse?: InvokeResponse;
  error?: Error;
}

/**
 * Runs GuestPassBot's turns in memory: the real bot and handlers on the use cases of the domain tests (in-memory
 * store, fake directory), behind an adapter that keeps what would be sent. No HTTP, no Graph, no timers, so ten
 * thousand turns take seconds. Errors that escape the bot are caught as the adapter's onTurnError would see them.
 */
class CapturingAdapter extends BotAdapter {
  private current: TurnResult = { replies: [] };

  async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const activity of activities) {
      if (activity.type === 'invokeResponse') this.current.invokeResponse = activity.value as InvokeResponse;
      else this.current.replies.push(activity);
    }
    return activities.map((_, index) => ({ id: `reply-${index}` }));
  }

  async updateActivity(_context: TurnContext, activity: Partial<Activity>): Promise<void> {
    this.current.replies.push(activity);
  }

  async deleteActivity(): Promise<void> {}

  async continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    throw new Error('proactive messages are not part of a fuzzed turn');
  }

  /** One turn, start to end; turns run one at a time. */
  async turn(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<TurnResult> {
    const result: TurnResult = { replies: [] };
    this.current = result;
    this.onTurnError = async (_context, error) => {
      result.error = error;
    };
    await this.runMiddleware(new TurnContext(this, activity), logic);
    return result;
  }
}

export interface DirectBot {
  turn(activity: Partial<Activity>): Promise<TurnResult>;
  /** Ids of requests waiting for approval, for card submissions to act on. */
  requestIds: string[];
  harness: Harness;
}

/** Approvals for untrusted domains, Adele approves and administers, quotas out of the way. */
export const FUZZ_POLICY: Partial<InvitationPolicy> = {
  approval: { rule: 'untrustedDomains', trustedDomains: ['tailspin.com', 'fabrikam.com'] },
  approvers: { users: [TEAMS_TEST_USERS.adele.aadObjectId], groups: [] },
  admins: { users: [TEAMS_TEST_USERS.adele.aadObjectId], groups: [] },
  redirectUrls: { allowed: ['https://myapps.microsoft.com', 'https://contoso.sharepoint.com'] },
  dailyQuotaPerRequester: 100_000,
};

/**
 * The bot as index.ts wires it, minus HTTP. A private chat (the one part of a turn that still uses the Bot
 * Framework's own client) goes to the activity's serviceUrl: the fuzz tests point that at a fake connector.
 */
export async function directBot(): Promise<DirectBot> {
  const h = harness(FUZZ_POLICY);
  const logger = createLogger({ level: 'silent' });
  const proactive = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const services: BotServices = {
    invitations: h.ctx,
    conversations: h.store.conversations,
    logger,
    approverIds: async () => [],
    privateChat: new PrivateChat({ adapter: proactive, botAppId: '', conversations: h.store.conversations, logger }),
    followUp: new CardFollowUp({
      background: new BackgroundWork(logger),
      continueConversation: (reference, logic) => proactive.continueConversationAsync('', reference, logic),
      logger,
    }),
  };
  const bot = new GuestPassBot(services, SANDBOX_IDS.tenant);
  const adapter = new CapturingAdapter();
  const requestIds = await seedPendingRequests(h);
  return { turn: (activity) => adapter.turn(activity, (context) => bot.run(context)), requestIds, harness: h };
}

/** A few requests waiting for approval, so approve/reject/cancel cards have something real to act on. */
async function seedPendingRequests(h: Harness): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const id = `PEND${i}XYZ`;
    const now = h.clock.now().toISOString();
    const request: InvitationRequest = {
      id,
      tenantId: SANDBOX_IDS.tenant,
      requester: { ...ALICE, id: TEAMS_TEST_USERS.megan.aadObjectId },
      invitation: { email: `pending${i}@untrusted.org`, domain: 'untrusted.org', redirectUrl: 'https://myapps.microsoft.com', sendEmail: true, userType: i === 0 ? 'Member' : 'Guest' },
      state: 'pendingApproval',
      createdAt: now,
      expiresAt: new Date(h.clock.now().getTime() + 86_400_000).toISOString(),
      approval: { reasons: ['untrustedDomain'], adminOnly: i === 0 },
      transitions: [{ from: null, to: 'pendingApproval', at: now }],
    };
    await h.store.requests.create(request);
    ids.push(id);
  }
  return ids;
}

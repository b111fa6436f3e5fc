import type { Activity } from 'botbuilder';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import { createGuestPass, GuestPass } from '../../src/index';
import { DEFAULT_POLICY, InvitationPolicy } from '../../src/invitation/policy';
import { createLogger } from '../../src/logging/logger';
import { GraphSimulator, RunningGraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../src/sandbox/graph-simulator';
import type { DirectorySeed, RecordedRequest } from '../../src/sandbox/graph-simulator';
import { createMemoryStore, GuestPassStore } from '../../src/storage';
import { FakeBotConnector, RecordedActivity } from '../support/fake-bot-connector';
import { FakeEntraId } from '../support/fake-entra';
import { ActivityOptions, send, TEAMS_TEST_USERS } from '../support/teams-activities';
import { testServerTls } from '../support/tls';

export const CLIENT_ID = 'c0ffee00-1234-4abc-8def-000000000001';
export const CLIENT_SECRET = 'integration-test-secret-value';

export interface HarnessOptions {
  policy?: Partial<InvitationPolicy>;
  /** The simulated directory; with `standIns`, theirs is used instead. */
  seed?: DirectorySeed;
  /** Extra environment for loadConfig (e.g. GRAPH_MAX_RETRIES, or STORE=table and its settings). */
  env?: NodeJS.ProcessEnv;
  /** The store to use; without one, a fresh memory store, unless `env.STORE` asks the bot to open its own. */
  store?: GuestPassStore;
  /** Stand-ins shared with other harnesses (several bot instances, one Graph, Entra and Connector); not stopped here. */
  standIns?: StandIns;
  /** The app's application permissions in its Graph tokens, when the test needs more than inviting and reading. */
  appRoles?: string[];
}

/**
 * What a bot talks to besides its store: a fake Entra ID issuing tokens, the Graph simulator over https (test CA)
 * accepting only those tokens, and a fake Bot Connector catching replies. One set can serve several bot instances,
 * as one tenant serves every instance of a scaled-out App Service.
 */
export class StandIns {
  readonly entra = new FakeEntraId();
  readonly connector = new FakeBotConnector();
  simulator!: GraphSimulator;
  private running!: RunningGraphSimulator;

  static async start(seed: DirectorySeed = sandboxDirectorySeed(), appRoles?: string[]): Promise<StandIns> {
    const standIns = new StandIns();
    await standIns.boot(seed, appRoles);
    return standIns;
  }

  get graphUrl(): string {
    return this.running.url;
  }

  private async boot(seed: DirectorySeed, appRoles?: string[]): Promise<void> {
    await this.entra.start();
    this.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...(appRoles ? { roles: appRoles } : {}) });
    let graphOrigin = '';
    this.simulator = new GraphSimulator({ seed, acceptToken: (token) => this.entra.isValidToken(token, graphOrigin) });
    this.running = await this.simulator.listen({ tls: testServerTls() });
    graphOrigin = this.running.url;
    await this.connector.start();
    for (const user of Object.values(TEAMS_TEST_USERS)) {
      this.connector.addMember({ ...user, userPrincipalName: `${user.name.split(' ')[0]!.toLowerCase()}@contoso.com` });
    }
  }

  async stop(): Promise<void> {
    await this.running.close();
    await this.connector.stop();
    await this.entra.stop();
  }
}

/**
 * The whole bot over real HTTP: the messaging endpoint on loopback, Graph simulated over https (test CA), tokens
 * from a fake Entra ID through the real @azure/identity credential, replies caught by a fake Bot Connector.
 */
export class BotHarness {
  readonly logLines: string[] = [];
  app!: GuestPass;
  botUrl!: string;
  private standIns!: StandIns;
  private ownsStandIns = false;

  get entra(): FakeEntraId {
    return this.standIns.entra;
  }

  get connector(): FakeBotConnector {
    return this.standIns.connector;
  }

  get simulator(): GraphSimulator {
    return this.standIns.simulator;
  }

  static async start(options: HarnessOptions = {}): Promise<BotHarness> {
    const harness = new BotHarness();
    await harness.boot(options);
    return harness;
  }

  private async boot(options: HarnessOptions): Promise<void> {
    this.ownsStandIns = !options.standIns;
    this.standIns = options.standIns ?? (await StandIns.start(options.seed, options.appRoles));

    const config = loadConfig({
      AZURE_TENANT_ID: SANDBOX_IDS.tenant,
      AZURE_CLIENT_ID: CLIENT_ID,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      AZURE_AUTHORITY_HOST: this.entra.authorityHost,
      GRAPH_BASE_URL: this.standIns.graphUrl,
      GRAPH_TIMEOUT_SECONDS: '10',
      LOG_LEVEL: 'debug',
      ...options.env,
    });
    const destination = new Writable({
      write: (chunk, _encoding, callback) => {
        this.logLines.push(chunk.toString());
        callback();
      },
    });
    this.app = await createGuestPass(config, {
      logger: createLogger({ level: 'debug', destination }),
      // With STORE in env the bot opens (and closes) the configured store itself, as in production.
      store: options.store ?? (options.env?.STORE ? undefined : createMemoryStore()),
      policy: { ...DEFAULT_POLICY, ...options.policy },
      startJobs: false,
    });
    await new Promise<void>((resolve) => this.app.server.listen(0, '127.0.0.1', resolve));
    this.botUrl = `http://127.0.0.1:${(this.app.server.address() as AddressInfo).port}`;
  }

  /** Defaults every activity to this harness's connector. */
  activityOptions(overrides: Partial<ActivityOptions> = {}): ActivityOptions {
    return { serviceUrl: this.connector.serviceUrl, ...overrides };
  }

  send(activity: Partial<Activity>, authorization?: string) {
    return send(this.botUrl, activity, authorization ? { authorization } : {});
  }

  /** Sends a message and waits for `replies` activities in its conversation. */
  async say(activity: Partial<Activity>, replies = 1): Promise<RecordedActivity[]> {
    const inConversation = () => this.connector.activities.filter((a) => a.conversationId === activity.conversation?.id);
    const before = inConversation().length;
    const response = await this.send(activity);
    if (response.status !== 200) throw new Error(`bot answered ${response.status}`);
    await this.connector.waitForActivities(before + replies, { conversationId: activity.conversation?.id });
    return inConversation().slice(before);
  }

  /**
   * Graph requests other than access control's look at who is acting (`GET /users/{id}` selecting `userType`,
   * once per person and cache period): what the bot asked Graph about what it was given.
   */
  requestsBesidesAccountChecks(method?: string, pathPrefix = '/'): RecordedRequest[] {
    return this.simulator.requests.filter(
      (request) =>
        !(request.method === 'GET' && /^\/v1\.0\/users\/[^/]+$/.test(request.path) && request.query.get('$select') === 'id,userType') &&
        (method === undefined || request.method.toUpperCase() === method) &&
        request.path.startsWith(pathPrefix),
    );
  }

  invitationPosts() {
    return this.simulator.requestsTo('POST', '/v1.0/invitations');
  }

  async stop(): Promise<void> {
    this.app.server.close();
    await this.app.close();
    if (this.ownsStandIns) await this.standIns.stop();
  }
}

/** The first Adaptive Card in a recorded activity. */
export function cardOf(recorded: RecordedActivity | undefined): Record<string, unknown> {
  const attachment = recorded?.activity.attachments?.[0];
  if (!attachment || attachment.contentType !== 'application/vnd.microsoft.card.adaptive') {
    throw new Error(`no adaptive card in ${JSON.stringify(recorded?.activity)}`);
  }
  return attachment.content as Record<string, unknown>;
}

/** All visible text of a card (TextBlock texts, fact titles and values), for assertions. */
export function cardText(card: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value', 'url']) if (typeof record[key] === 'string') parts.push(record[key] as string);
    Object.values(record).forEach(walk);
  };
  walk(card);
  return parts.join('\n');
}

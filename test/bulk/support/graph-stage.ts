import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { GraphSimulator, SANDBOX_IDS, sandboxDirectorySeed } from '../../../src/sandbox/graph-simulator';
import type { DirectorySeed } from '../../../src/sandbox/graph-simulator';
import { FakeEntraId } from '../../support/fake-entra';
import { testServerTls } from '../../support/tls';
import { closeServer } from '../../support/close-server';

export const CLIENT_ID = 'c0ffee00-1234-4abc-8def-0000000b01c0';
export const CLIENT_SECRET = 'bulk-test-secret-value';
const INVITATIONS = '/v1.0/invitations';

/** Graph's invitation budget, scaled down so a test crosses it in a second rather than in minutes. */
export interface InvitationBudget {
  requests: number;
  windowMs: number;
  /** What the 429 answers say; '0' lets the client retry at once. */
  retryAfter: string;
}

/**
 * Microsoft Graph as GuestPass's real client meets it, over https with tokens from a fake Entra ID, optionally
 * enforcing an invitation budget like Graph's 150 per 5 s: a POST /invitations over the budget is answered 429
 * with Retry-After, through the simulator's own fault queue (`enqueueFault`).
 */
export class GraphStage {
  readonly entra = new FakeEntraId();
  simulator!: GraphSimulator;
  url!: string;
  /** POST /invitations answered 429 by the budget. */
  throttled = 0;
  /** Called with every POST /invitations before it is handled (e.g. to interrupt a run after N). */
  onInvitationPost?: (count: number) => void;
  /** The budget enforced from the next POST /invitations on; a test may change it before a run. */
  budget: InvitationBudget | undefined;
  private server!: https.Server;
  private readonly accepted: number[] = [];
  private posts = 0;

  static async start(options: { seed?: DirectorySeed; budget?: InvitationBudget } = {}): Promise<GraphStage> {
    const stage = new GraphStage();
    await stage.boot(options);
    return stage;
  }

  private async boot({ seed, budget }: { seed?: DirectorySeed; budget?: InvitationBudget }): Promise<void> {
    this.budget = budget;
    await this.entra.start();
    this.entra.registerClient({ tenantId: SANDBOX_IDS.tenant, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    this.simulator = new GraphSimulator({
      seed: seed ?? sandboxDirectorySeed(),
      acceptToken: (token) => this.entra.isValidToken(token, this.url),
    });
    this.server = https.createServer(testServerTls(), (req, res) => {
      if (req.method === 'POST' && req.url?.startsWith(INVITATIONS)) {
        this.onInvitationPost?.(++this.posts);
        if (this.budget) this.enforce(this.budget);
      }
      this.simulator.listener(req, res);
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `https://localhost:${(this.server.address() as AddressInfo).port}`;
  }

  /** A sliding window: the requests accepted in the last `windowMs`, as Graph would count them. */
  private enforce(budget: InvitationBudget): void {
    const now = Date.now();
    while (this.accepted.length > 0 && this.accepted[0]! <= now - budget.windowMs) this.accepted.shift();
    if (this.accepted.length < budget.requests) {
      this.accepted.push(now);
      return;
    }
    this.throttled++;
    this.simulator.enqueueFault(
      { method: 'POST', pathPrefix: INVITATIONS },
      { status: 429, headers: { 'Retry-After': budget.retryAfter }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } },
    );
  }

  /** As if the budget's window had passed: nothing accepted so far counts any longer. */
  startNewBudgetWindow(): void {
    this.accepted.length = 0;
  }

  /** The environment loadConfig needs to reach this stage, like the bot's own test harness uses. */
  env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      AZURE_TENANT_ID: SANDBOX_IDS.tenant,
      AZURE_CLIENT_ID: CLIENT_ID,
      AZURE_CLIENT_SECRET: CLIENT_SECRET,
      AZURE_AUTHORITY_HOST: this.entra.authorityHost,
      GRAPH_BASE_URL: this.url,
      GRAPH_TIMEOUT_SECONDS: '10',
      STORE: 'memory',
      ...extra,
    };
  }

  invitationPosts() {
    return this.simulator.requestsTo('POST', INVITATIONS);
  }

  /** Invitations the directory actually made, per address: a duplicate shows up as a count above one. */
  invitationsPerAddress(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const invitation of this.simulator.directory.invitations) {
      const address = invitation.invitedUserEmailAddress.toLowerCase();
      counts.set(address, (counts.get(address) ?? 0) + 1);
    }
    return counts;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    await this.entra.stop();
  }
}

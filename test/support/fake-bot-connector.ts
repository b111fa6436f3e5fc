import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity, ConversationParameters, TeamsChannelAccount } from 'botbuilder';
import { closeServer } from './close-server';

/** A Teams user the connector can describe (GET .../members/{id}, what TeamsInfo.getMember calls). */
export interface ConnectorMember {
  /** The Teams id, `29:…`. */
  id: string;
  name: string;
  aadObjectId: string;
  email?: string;
  userPrincipalName?: string;
  givenName?: string;
  surname?: string;
  tenantId?: string;
  userRole?: 'user' | 'guest' | 'anonymous';
}

/** One activity the bot sent: a reply, a new message in a conversation, or an update of an earlier one. */
export interface RecordedActivity {
  method: 'POST' | 'PUT';
  operation: 'reply' | 'send' | 'update';
  conversationId: string;
  /** The activity's id in the conversation: generated for a POST, the replaced id for a PUT. */
  activityId: string;
  /** For a reply: the activity replied to (from the URL). */
  replyToId?: string;
  activity: Partial<Activity>;
  /** The Authorization header, if any (none in local-dev mode). */
  authorization?: string;
}

export interface CreatedConversation {
  id: string;
  parameters: Partial<ConversationParameters>;
}

export interface WaitOptions {
  conversationId?: string;
  /** Further narrows what counts, e.g. `(a) => a.operation === 'update'`. */
  where?: (activity: RecordedActivity) => boolean;
  /** Default 10 000 ms. */
  timeoutMs?: number;
}

interface Waiter {
  count: number;
  options: WaitOptions;
  resolve: (activities: RecordedActivity[]) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

const CONVERSATION_PATH = /^\/v3\/conversations\/([^/]+)\/(activities|members|pagedmembers)(?:\/([^/]+))?$/;

/**
 * A stand-in for the Bot Connector service. A bot in local-dev mode answers by calling the
 * `serviceUrl` of the incoming activity; pointing that at this server lets a test see every
 * message, card update and proactive conversation the bot produces.
 */
export class FakeBotConnector {
  readonly activities: RecordedActivity[] = [];
  readonly createdConversations: CreatedConversation[] = [];
  readonly deletedActivities: { conversationId: string; activityId: string }[] = [];
  /**
   * Called synchronously as each activity is recorded. Benchmarks time replies with it: `waitForActivities`
   * rescans every recorded activity per waiter, which costs too much at thousands of activities.
   */
  onActivity?: (recorded: RecordedActivity) => void;
  /** When set, new conversations are refused with 403, as Teams does for someone who has not installed the bot. */
  refuseNewConversations = false;
  private readonly members: ConnectorMember[] = [];
  private readonly waiters = new Set<Waiter>();
  private server: http.Server | undefined;
  private url: string | undefined;
  private nextId = 1;

  /** `http://127.0.0.1:PORT`: put it in incoming activities' `serviceUrl`. */
  get serviceUrl(): string {
    if (!this.url) throw new Error('FakeBotConnector is not started; call start() first');
    return this.url;
  }

  addMember(member: ConnectorMember): void {
    this.members.push(member);
  }

  /** Forgets recorded traffic (activities, conversations, deletions); registered members stay. */
  reset(): void {
    this.activities.length = 0;
    this.createdConversations.length = 0;
    this.deletedActivities.length = 0;
  }

  /** Resolves with the matching activities once at least `count` of them have been recorded. */
  waitForActivities(count: number, options: WaitOptions = {}): Promise<RecordedActivity[]> {
    const already = this.matching(options);
    if (already.length >= count) return Promise.resolve(already);
    const timeoutMs = options.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        count,
        options,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.matching(options);
          const scope = options.conversationId ? ` in conversation ${options.conversationId}` : '';
          const summary = this.activities.map((a) => `${a.operation} ${a.conversationId}: ${describe(a.activity)}`);
          const recorded = summary.length > 0 ? summary.join('\n  ') : '(none)';
          reject(
            new Error(
              `Expected at least ${count} activities${scope} within ${timeoutMs} ms, got ${seen.length}. ` +
                `All recorded:\n  ${recorded}`,
            ),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('FakeBotConnector stopped while waiting for activities'));
    }
    this.waiters.clear();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await closeServer(server);
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://connector.invalid').pathname;
    const body = await readJson(req);
    const authorization = req.headers.authorization;
    if (req.method === 'POST' && path === '/v3/conversations') {
      if (this.refuseNewConversations) return sendJson(res, 403, connectorError('Forbidden', 'The bot is not installed for this user.'));
      const id = `a:new-conv-${this.nextId++}`;
      this.createdConversations.push({ id, parameters: body });
      const initial = body.activity as Partial<Activity> | undefined;
      const activityId = initial
        ? this.record({ method: 'POST', operation: 'send', conversationId: id, activity: initial, authorization })
        : undefined;
      return sendJson(res, 200, { id, ...(activityId ? { activityId } : {}), serviceUrl: this.serviceUrl });
    }
    const match = CONVERSATION_PATH.exec(path);
    if (!match) return sendJson(res, 404, connectorError('NotFound', `No route for ${req.method} ${path}`));
    const conversationId = decodeURIComponent(match[1]!);
    const collection = match[2]!;
    const itemId = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
    if (collection === 'activities') {
      return this.handleActivity(req.method ?? '', conversationId, itemId, body, authorization, res);
    }
    if (req.method !== 'GET') return sendJson(res, 405, connectorError('MethodNotAllowed', `${req.method} ${path}`));
    if (itemId === undefined) {
      const all = this.members.map(toChannelAccount);
      return sendJson(res, 200, collection === 'pagedmembers' ? { members: all } : all);
    }
    const member = this.members.find((m) => m.id === itemId || m.aadObjectId.toLowerCase() === itemId.toLowerCase());
    if (!member) {
      return sendJson(res, 404, connectorError('MemberNotFoundInConversation', 'The member was not found in the conversation.'));
    }
    sendJson(res, 200, toChannelAccount(member));
  }

  private handleActivity(
    method: string,
    conversationId: string,
    itemId: string | undefined,
    activity: Record<string, unknown>,
    authorization: string | undefined,
    res: http.ServerResponse,
  ): void {
    if (method === 'DELETE' && itemId !== undefined) {
      this.deletedActivities.push({ conversationId, activityId: itemId });
      return sendJson(res, 200, {});
    }
    if (method === 'PUT' && itemId !== undefined) {
      this.record({ method: 'PUT', operation: 'update', conversationId, activityId: itemId, activity, authorization });
      return sendJson(res, 200, { id: itemId });
    }
    if (method === 'POST') {
      const operation = itemId === undefined ? 'send' : 'reply';
      const id = this.record({ method: 'POST', operation, conversationId, replyToId: itemId, activity, authorization });
      return sendJson(res, 200, { id });
    }
    sendJson(res, 405, connectorError('MethodNotAllowed', `${method} on activities`));
  }

  /** Stores an activity (generating its id for a POST), wakes waiters, returns the id. */
  private record(entry: Omit<RecordedActivity, 'activityId'> & { activityId?: string }): string {
    const { method, operation, conversationId, activity, replyToId, authorization } = entry;
    const activityId = entry.activityId ?? `activity-${this.nextId++}`;
    const recorded: RecordedActivity = { method, operation, conversationId, activityId, activity };
    if (replyToId !== undefined) recorded.replyToId = replyToId;
    if (authorization !== undefined) recorded.authorization = authorization;
    this.activities.push(recorded);
    this.onActivity?.(recorded);
    for (const waiter of this.waiters) {
      const matching = this.matching(waiter.options);
      if (matching.length >= waiter.count) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(matching);
      }
    }
    return activityId;
  }

  private matching(options: WaitOptions): RecordedActivity[] {
    return this.activities.filter(
      (activity) =>
        (options.conversationId === undefined || activity.conversationId === options.conversationId) &&
        (options.where === undefined || options.where(activity)),
    );
  }
}

/** The member as Teams describes it: a TeamsChannelAccount plus tenantId and userRole. */
function toChannelAccount(member: ConnectorMember): TeamsChannelAccount & { tenantId?: string; userRole?: string } {
  return {
    userRole: 'user',
    ...member,
    email: member.email ?? '',
    userPrincipalName: member.userPrincipalName ?? member.email ?? '',
    givenName: member.givenName ?? '',
    surname: member.surname ?? '',
  };
}

function describe(activity: Partial<Activity>): string {
  const cards = (activity.attachments ?? []).map((attachment) => attachment.contentType).join(', ');
  return `${activity.type ?? '?'} ${JSON.stringify(activity.text ?? '')}${cards ? ` [${cards}]` : ''}`;
}

function connectorError(code: string, message: string): { error: { code: string; message: string } } {
  return { error: { code, message } };
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  const parsed: unknown = JSON.parse(text);
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

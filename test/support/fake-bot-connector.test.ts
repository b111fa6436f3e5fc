import { strict as assert } from 'node:assert';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TeamsInfo,
  type ConversationParameters,
  type TurnContext,
} from 'botbuilder';
import { SANDBOX_IDS } from '../../src/sandbox/graph-simulator';
import { FakeBotConnector } from './fake-bot-connector';
import {
  adaptiveCardActionInvoke,
  channelMessage,
  DEFAULT_BOT_ID,
  groupChatMessage,
  messageWithValue,
  personalMessage,
  send,
  TEAMS_TEST_USERS,
} from './teams-activities';
import { closeServer } from './close-server';

/**
 * A minimal bot on plain node http, running the real botbuilder CloudAdapter in local-dev
 * mode (no app id): it accepts the activities unauthenticated and answers through their
 * serviceUrl, i.e. through the FakeBotConnector.
 */
interface TestBot {
  url: string;
  adapter: CloudAdapter;
  close(): Promise<void>;
}

async function startBot(logic: (context: TurnContext) => Promise<void>): Promise<TestBot> {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    let status = 200;
    const response = {
      socket: req.socket,
      status: (code: number) => {
        status = code;
      },
      header: (name: string, value: unknown) => res.setHeader(name, String(value)),
      send: (body?: unknown) => {
        res.statusCode = status;
        if (body !== undefined && !res.hasHeader('Content-Type')) res.setHeader('Content-Type', 'application/json');
        res.end(body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body));
      },
      end: () => {
        if (res.writableEnded) return;
        res.statusCode = status;
        res.end();
      },
    };
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    await adapter.process({ body, headers: req.headers, method: req.method ?? 'POST' }, response, logic);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    adapter,
    close: () => closeServer(server),
  };
}

describe('FakeBotConnector and Teams activity builders with the real botbuilder CloudAdapter', () => {
  let connector: FakeBotConnector;
  let bot: TestBot;
  const seen: TurnContext['activity'][] = [];

  beforeEach(async () => {
    seen.length = 0;
    connector = new FakeBotConnector();
    await connector.start();
    connector.addMember({
      ...TEAMS_TEST_USERS.megan,
      email: 'megan@contoso.com',
      userPrincipalName: 'megan@contoso.com',
      tenantId: SANDBOX_IDS.tenant,
    });
    bot = await startBot(async (context) => {
      seen.push(context.activity);
      const { activity } = context;
      if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
        await context.sendActivity({
          type: 'invokeResponse',
          value: {
            status: 200,
            body: {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: `done: ${activity.value.action.verb}`,
            },
          },
        });
        return;
      }
      if (activity.value) {
        await context.sendActivity(`submitted ${JSON.stringify(activity.value)}`);
        return;
      }
      const member = await TeamsInfo.getMember(context, activity.from.id);
      const sent = await context.sendActivity(`Hello ${member.email}`);
      await context.updateActivity({ ...MessageFactory.text('Hello (edited)'), id: sent!.id });
    });
  });
  afterEach(async () => {
    await bot.close();
    await connector.stop();
  });

  it('records a reply to a personal message, its update, and serves the member lookup', async () => {
    const incoming = personalMessage('hi', { serviceUrl: connector.serviceUrl });
    const { status } = await send(bot.url, incoming);
    assert.equal(status, 200);
    const [reply, update] = await connector.waitForActivities(2, { conversationId: incoming.conversation!.id });
    assert.equal(reply!.operation, 'reply');
    assert.equal(reply!.replyToId, incoming.id);
    assert.equal(reply!.activity.text, 'Hello megan@contoso.com');
    assert.equal(reply!.authorization, undefined, 'local-dev mode sends no token');
    assert.equal(update!.operation, 'update');
    assert.equal(update!.method, 'PUT');
    assert.equal(update!.activityId, reply!.activityId);
    assert.equal(update!.activity.text, 'Hello (edited)');

    const activity = seen[0]!;
    assert.equal(activity.channelId, 'msteams');
    assert.equal(activity.from.aadObjectId, SANDBOX_IDS.users.megan);
    assert.equal(activity.recipient.id, `28:${DEFAULT_BOT_ID}`);
    assert.equal(activity.conversation.conversationType, 'personal');
    assert.equal(activity.conversation.tenantId, SANDBOX_IDS.tenant);
    assert.deepEqual(activity.channelData.tenant, { id: SANDBOX_IDS.tenant });
  });

  it('builds group-chat and channel messages with an @mention of the bot; replies keep the encoded conversation id', async () => {
    const chat = groupChatMessage('invite sam@tailspin.com', { serviceUrl: connector.serviceUrl });
    const post = channelMessage('invite sam@tailspin.com', { serviceUrl: connector.serviceUrl });
    await send(bot.url, chat);
    await send(bot.url, post);
    await connector.waitForActivities(2, { conversationId: post.conversation!.id });
    await connector.waitForActivities(2, { conversationId: chat.conversation!.id });
    for (const activity of seen) {
      assert.match(activity.text, /^<at>GuestPass<\/at> invite sam@tailspin.com$/);
      const mention = activity.entities!.find((entity) => entity.type === 'mention')!;
      assert.deepEqual(mention.mentioned, { id: `28:${DEFAULT_BOT_ID}`, name: 'GuestPass' });
      assert.equal(TurnContextRemoveMention(activity), 'invite sam@tailspin.com');
    }
    assert.equal(seen[1]!.conversation.conversationType, 'channel');
    assert.match(seen[1]!.conversation.id, /;messageid=/);
    assert.equal(seen[1]!.channelData.team.aadGroupId, SANDBOX_IDS.partnersTeam);
  });

  it('delivers an Action.Execute invoke and returns the invoke response in the HTTP answer', async () => {
    const invoke = adaptiveCardActionInvoke({ serviceUrl: connector.serviceUrl, verb: 'approve', data: { requestId: 'r1' }, replyToId: 'card-1' });
    const { status, body } = await send(bot.url, invoke);
    assert.equal(status, 200);
    assert.deepEqual(body, { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'done: approve' });
    assert.deepEqual(seen[0]!.value, { action: { type: 'Action.Execute', verb: 'approve', data: { requestId: 'r1' } }, trigger: 'manual' });
    assert.equal(seen[0]!.replyToId, 'card-1');
  });

  it('delivers an Action.Submit as a message with a value', async () => {
    await send(bot.url, messageWithValue({ email: 'sam@tailspin.com' }, { serviceUrl: connector.serviceUrl, replyToId: 'card-2' }));
    const [reply] = await connector.waitForActivities(1);
    assert.equal(reply!.activity.text, 'submitted {"email":"sam@tailspin.com"}');
    assert.equal(seen[0]!.text, undefined);
  });

  it('records proactive conversations created by the bot', async () => {
    // What a bot sends to open a 1:1 chat; `activity` is optional on the wire but typed as required.
    const parameters = {
      isGroup: false,
      bot: { id: `28:${DEFAULT_BOT_ID}`, name: 'GuestPass' },
      members: [{ id: TEAMS_TEST_USERS.megan.id, name: 'Megan Bowen' }],
      tenantId: SANDBOX_IDS.tenant,
      channelData: { tenant: { id: SANDBOX_IDS.tenant } },
    } as ConversationParameters;
    await bot.adapter.createConversationAsync('', 'msteams', connector.serviceUrl, '', parameters, async (context) => {
      await context.sendActivity('Your guest accepted the invitation');
    });
    assert.equal(connector.createdConversations.length, 1);
    const created = connector.createdConversations[0]!;
    assert.match(created.id, /^a:new-conv-/);
    assert.equal(created.parameters.tenantId, SANDBOX_IDS.tenant);
    const [message] = await connector.waitForActivities(1, { conversationId: created.id });
    assert.equal(message!.activity.text, 'Your guest accepted the invitation');
  });

  it('rejects waitForActivities with a description of what was recorded', async () => {
    await assert.rejects(
      connector.waitForActivities(1, { conversationId: 'nowhere', timeoutMs: 20 }),
      /Expected at least 1 activities in conversation nowhere within 20 ms, got 0/,
    );
  });

  it('answers 404 for an unknown member and forgets traffic on reset()', async () => {
    const response = await fetch(`${connector.serviceUrl}/v3/conversations/a%3A1/members/29%3Anobody`);
    assert.equal(response.status, 404);
    await send(bot.url, messageWithValue({ x: 1 }, { serviceUrl: connector.serviceUrl }));
    await connector.waitForActivities(1);
    connector.reset();
    assert.equal(connector.activities.length, 0);
  });
});

/** What `TurnContext.removeRecipientMention` leaves: the text without the bot's <at> tag. */
function TurnContextRemoveMention(activity: TurnContext['activity']): string {
  return (activity.text ?? '').replace(/<at>[^<]*<\/at>/, '').trim();
}

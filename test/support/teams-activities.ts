import * as http from 'node:http';
import * as https from 'node:https';
import type { Activity, ChannelAccount, ConversationAccount, Entity } from 'botbuilder';
import { SANDBOX_IDS, SimulatedUserSeed } from '../../src/sandbox/graph-simulator';

/**
 * Builders of activities shaped as Microsoft Teams sends them to a bot, so tests drive the
 * bot through the same fields production traffic carries (29:/28: ids, aadObjectId,
 * tenant in conversation and channelData, `<at>` mentions in group chats and channels).
 */

export interface TeamsUser {
  /** Teams user id, `29:…`. */
  id: string;
  name: string;
  aadObjectId: string;
}

/** Users of the sandbox tenant (their aadObjectIds are the sandbox directory's object ids). */
export const TEAMS_TEST_USERS = {
  megan: { id: '29:1megan-bowen-teams-id', name: 'Megan Bowen', aadObjectId: SANDBOX_IDS.users.megan },
  adele: { id: '29:1adele-vance-teams-id', name: 'Adele Vance', aadObjectId: SANDBOX_IDS.users.adele },
} as const satisfies Record<string, TeamsUser>;

/**
 * A Teams user's account in the simulated directory, so access control finds them: a member of the tenant
 * unless `userType` says Guest.
 */
export function directoryAccountOf(user: TeamsUser, userType: 'Member' | 'Guest' = 'Member'): SimulatedUserSeed {
  const alias = user.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
  return {
    id: user.aadObjectId,
    displayName: user.name,
    userPrincipalName: userType === 'Guest' ? `${alias}_fabrikam.com#EXT#@contoso.onmicrosoft.com` : `${alias}@contoso.com`,
    mail: userType === 'Guest' ? `${alias}@fabrikam.com` : `${alias}@contoso.com`,
    userType,
    ...(userType === 'Guest' ? { externalUserState: 'Accepted', creationType: 'Invitation' } : {}),
  };
}

export const DEFAULT_BOT_ID = '00000000-0000-4000-8000-00000000b07e';
export const DEFAULT_BOT_NAME = 'GuestPass';

export interface ActivityOptions {
  /** Where the bot sends its answers: `FakeBotConnector.serviceUrl`. */
  serviceUrl: string;
  /** The sender; Megan Bowen of the sandbox tenant by default. */
  from?: TeamsUser;
  /** Defaults to the sandbox tenant. */
  tenantId?: string;
  /** The bot's app id; the recipient is `28:<botId>`. */
  botId?: string;
  botName?: string;
  conversationId?: string;
  locale?: string;
  /** The activity id; generated when omitted. */
  id?: string;
  timestamp?: string;
  replyToId?: string;
  /** Channel messages: the team (its `aadGroupId` is the Microsoft 365 group id). */
  team?: { id: string; name?: string; aadGroupId?: string };
  /** Channel messages: the channel. */
  channel?: { id: string; name?: string };
}

export type ConversationKind = 'personal' | 'groupChat' | 'channel';

/** The sandbox "Contoso Partners" team; its id is the General channel's thread id, as in Teams. */
const DEFAULT_TEAM = {
  id: '19:partners-general@thread.tacv2',
  name: 'Contoso Partners',
  aadGroupId: SANDBOX_IDS.partnersTeam,
};
let activityCounter = 0;

/** A 1:1 chat message to the bot. */
export function personalMessage(text: string, options: ActivityOptions): Partial<Activity> {
  return { ...baseActivity('personal', options), type: 'message', text, textFormat: 'plain' };
}

/** A group-chat message that @mentions the bot (Teams only delivers those). */
export function groupChatMessage(text: string, options: ActivityOptions): Partial<Activity> {
  return mentionMessage('groupChat', text, options);
}

/** A channel post that @mentions the bot. */
export function channelMessage(text: string, options: ActivityOptions): Partial<Activity> {
  return mentionMessage('channel', text, options);
}

/** An Action.Execute press on an Adaptive Card (Universal Actions): an `adaptiveCard/action` invoke. */
export function adaptiveCardActionInvoke(
  options: ActivityOptions & { verb: string; data?: Record<string, unknown>; conversationKind?: ConversationKind },
): Partial<Activity> {
  const { verb, data = {}, conversationKind = 'personal' } = options;
  return {
    ...baseActivity(conversationKind, options),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/**
 * A sign-in completing, as Teams reports it to the bot: `signin/tokenExchange` (single sign-on handed over a token
 * for the bot's API; `value` is `{ id, connectionName, token }`) or `signin/verifyState` (the sign-in button was
 * used; `value` is `{ state: <magic code> }`).
 */
export function signInInvoke(
  options: ActivityOptions & { name: 'signin/tokenExchange' | 'signin/verifyState'; value: Record<string, unknown>; conversationKind?: ConversationKind },
): Partial<Activity> {
  return { ...baseActivity(options.conversationKind ?? 'personal', options), type: 'invoke', name: options.name, value: options.value };
}

/** An Action.Submit press on a card: a message with no text whose `value` is the card's data. */
export function messageWithValue(
  value: Record<string, unknown>,
  options: ActivityOptions & { conversationKind?: ConversationKind },
): Partial<Activity> {
  const base = baseActivity(options.conversationKind ?? 'personal', options);
  return {
    ...base,
    type: 'message',
    value,
    channelData: {
      ...base.channelData,
      source: { name: 'message' },
      ...(options.replyToId ? { legacy: { replyToId: options.replyToId } } : {}),
    },
  };
}

/** POSTs an activity to the bot's messaging endpoint (`/api/messages` is appended unless present). */
export function send(
  botUrl: string,
  activity: Partial<Activity>,
  options: { authorization?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const url = new URL(/\/api\/messages\/?$/.test(botUrl) ? botUrl : `${botUrl.replace(/\/+$/, '')}/api/messages`);
  const payload = JSON.stringify(activity);
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  };
  if (options.authorization) headers.Authorization = options.authorization;
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(url, { method: 'POST', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text === '' ? undefined : text;
        try {
          if (text !== '') body = JSON.parse(text);
        } catch {
          // Not JSON: keep the text.
        }
        resolve({ status: response.statusCode ?? 0, body });
      });
    });
    request.on('error', reject);
    request.end(payload);
  });
}

function mentionMessage(kind: 'groupChat' | 'channel', text: string, options: ActivityOptions): Partial<Activity> {
  const base = baseActivity(kind, options);
  const botName = options.botName ?? DEFAULT_BOT_NAME;
  const mentionText = `<at>${botName}</at>`;
  const mention: Entity = { type: 'mention', text: mentionText, mentioned: base.recipient };
  return {
    ...base,
    type: 'message',
    text: `${mentionText} ${text}`,
    textFormat: 'plain',
    entities: [mention, ...(base.entities ?? [])],
    // Teams also sends the message as HTML for group chats and channels.
    attachments: [{ contentType: 'text/html', content: `<p>${mentionText} ${escapeHtml(text)}</p>` }],
  };
}

type BaseActivity = Partial<Activity> & { channelData: Record<string, unknown> };

function baseActivity(kind: ConversationKind, options: ActivityOptions): BaseActivity {
  const tenantId = options.tenantId ?? SANDBOX_IDS.tenant;
  const from = options.from ?? TEAMS_TEST_USERS.megan;
  const botId = options.botId ?? DEFAULT_BOT_ID;
  const locale = options.locale ?? 'en-US';
  const id = options.id ?? `${Date.now()}${String((activityCounter += 1)).padStart(4, '0')}`;
  const timestamp = options.timestamp ?? new Date().toISOString();
  const recipient: ChannelAccount = { id: `28:${botId}`, name: options.botName ?? DEFAULT_BOT_NAME };
  const channelData: Record<string, unknown> = { tenant: { id: tenantId } };
  const conversationOf = (conversationType: ConversationKind, defaultId: string): ConversationAccount => ({
    id: options.conversationId ?? defaultId,
    conversationType,
    tenantId,
    isGroup: conversationType !== 'personal',
    name: '',
  });
  let conversation: ConversationAccount;
  if (kind === 'personal') {
    conversation = conversationOf('personal', `a:1personal-${from.aadObjectId}`);
  } else if (kind === 'groupChat') {
    conversation = conversationOf('groupChat', '19:guestpass-test-chat@thread.v2');
  } else {
    const team = options.team ?? DEFAULT_TEAM;
    const channel = options.channel ?? { id: team.id, name: 'General' };
    // A channel post's conversation is the channel thread, suffixed with the root message id.
    conversation = conversationOf('channel', `${channel.id};messageid=${id}`);
    Object.assign(channelData, { teamsChannelId: channel.id, teamsTeamId: team.id, channel, team });
  }
  const activity: BaseActivity = {
    id,
    timestamp: timestamp as unknown as Date, // on the wire it is an ISO string
    localTimestamp: timestamp as unknown as Date,
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: from.id, name: from.name, aadObjectId: from.aadObjectId },
    recipient,
    conversation,
    channelData,
    locale,
    entities: [{ type: 'clientInfo', locale, country: 'US', platform: 'Web', timezone: 'Europe/London' }],
  };
  if (options.replyToId !== undefined) activity.replyToId = options.replyToId;
  return activity;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

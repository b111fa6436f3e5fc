import { Activity, CardFactory, CloudAdapter, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { renderApprovalCard } from '../cards/approval-card';
import { renderRequestNews } from '../cards/request-news-card';
import { translatorFor } from '../i18n';
import { ApproverDirectory } from '../invitation/approver-directory';
import { InvitationRequest } from '../invitation/invitation-request';
import { ApprovalAudience, ApprovalCardReach, RequesterNews, RequestNotifier } from '../invitation/notifier-port';
import { PersonalChatPort } from '../invitation/personal-chat-port';
import { InvitationDefaults } from '../invitation/invitation-defaults';
import { InvitationPolicy } from '../invitation/policy';
import { ApprovalCardLocations, ConversationReferenceStore } from '../storage/store';
import { conversationKey, personalChatKey } from './conversation-keys';
import { PersonalReach } from './personal-reach';
import { PrivateChat } from './private-chat';
import { dateFormatterFor } from './turn';

export interface TeamsNotifierOptions {
  adapter: CloudAdapter;
  /** Empty in local development (no bot identity). */
  botAppId: string;
  tenantId?: string;
  policy: InvitationPolicy;
  /** The effective invitation defaults: the organization's language and the groups a request may name. */
  defaults: InvitationDefaults;
  /** Who the approvers are, as object ids (policy names people by UPN and by group too). */
  approvers: ApproverDirectory;
  conversations: ConversationReferenceStore;
  approvalCards: ApprovalCardLocations;
  /** Reaches a requester one to one, for a redeem URL that must not be posted where they asked. */
  privateChat: PrivateChat;
  /**
   * Opens a personal chat with an approver who never wrote to the bot, by installing GuestPass for them; unset
   * where that is impossible (local development).
   */
  personalChats?: PersonalChatPort;
  /** Shared with the lifecycle's notifier, so a refused installation is remembered once; made from the above if absent. */
  reach?: PersonalReach;
  logger: Logger;
}

/** Teams user-specific views accept at most 60 user ids. */
const MAX_REFRESH_USERS = 60;

/**
 * Reaches people outside the current turn with Bot Framework proactive messages: approval cards to the approvers'
 * channel and personal chats, in-place updates of every copy once a request moves on, and news to the requester.
 * A delivery that fails is logged and skipped; the request itself is already safe in the store.
 *
 * Updates and news run in the background so the person who acted (an approver's click) gets an answer at once,
 * even when a recipient's endpoint is slow; approval cards are awaited, since whom they reached decides who else is
 * asked. Deliveries of one request run in order, so its cards never go back in time.
 */
export class TeamsNotifier implements RequestNotifier {
  private readonly queues = new Map<string, Promise<void>>();
  private readonly reach: PersonalReach;

  constructor(private readonly options: TeamsNotifierOptions) {
    this.reach = options.reach ?? new PersonalReach(options);
  }

  /** Resolves once the card was tried everywhere: the domain needs to know whether it reached anyone. */
  askApprovers(request: InvitationRequest, audience: ApprovalAudience): Promise<ApprovalCardReach> {
    let reach: ApprovalCardReach = { channel: false, people: 0 };
    return this.enqueue(request.id, async () => {
      reach = await this.sendApprovalCards(request, audience);
    }).then(() => reach);
  }

  showRequestState(request: InvitationRequest): Promise<void> {
    void this.enqueue(request.id, () => this.updateApprovalCards(request));
    return Promise.resolve();
  }

  tellRequester(request: InvitationRequest, news: RequesterNews): Promise<void> {
    void this.enqueue(request.id, () => this.sendNews(request, news));
    return Promise.resolve();
  }

  /** Resolves once every delivery started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  /** Queues `work` behind the request's earlier deliveries; the promise returned settles when it has run. */
  private enqueue(requestId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(requestId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.options.logger.warn({ err: error, requestId }, 'notification failed'))
      .finally(() => {
        if (this.queues.get(requestId) === next) this.queues.delete(requestId);
      });
    this.queues.set(requestId, next);
    return next;
  }

  /** MRIs for `refresh.userIds`: Teams accepts `8:orgid:<object id>` for people known by Entra object id. */
  async approverIds(request: InvitationRequest): Promise<string[]> {
    const ids = await this.options.approvers.deciders(request);
    return ids.slice(0, MAX_REFRESH_USERS).map((id) => `8:orgid:${id}`);
  }

  private async sendApprovalCards(request: InvitationRequest, audience: ApprovalAudience): Promise<ApprovalCardReach> {
    const { policy } = this.options;
    const approverIds = await this.approverIds(request);
    const cardIn = (locale: unknown) => this.approvalCard(request, approverIds, locale);
    const reach: ApprovalCardReach = { channel: false, people: 0 };
    const channel = audience === 'approvers' ? policy.delivery.channel : undefined;
    if (channel) {
      reach.channel = await this.post(request, this.channelReference(channel.serviceUrl, channel.channelId), cardIn(undefined), 'channel');
    }
    // The channel is the approvers' alone: everyone asked after them is reached one to one.
    if (policy.delivery.personal || !channel) {
      for (const person of await this.options.approvers.recipients(request, audience)) {
        if (await this.reachPerson(request, person, cardIn)) reach.people++;
      }
    }
    return reach;
  }

  /**
   * An approval card in the language of `locale` (a chat's, as Teams last told it), else in the organization's
   * default language, else in English; its buttons carry that language, so answers to them keep it.
   */
  private approvalCard(request: InvitationRequest, approverIds: string[], locale: unknown): object {
    const language = typeof locale === 'string' && locale ? locale : this.options.defaults.messageLanguage;
    return renderApprovalCard(translatorFor(language), request, {
      mode: 'readOnly',
      approverIds,
      formatDate: dateFormatterFor(language),
      groups: this.options.defaults.offeredGroups,
    });
  }

  /** The person's personal chat (opened by installing GuestPass if need be); the copy is recorded to update later. */
  private async reachPerson(request: InvitationRequest, person: string, cardIn: (locale: unknown) => object): Promise<boolean> {
    const sent = await this.reach.sendCard(person, cardIn, () => this.serviceUrlNear(request), { requestId: request.id });
    if (!sent) return false;
    await this.options.approvalCards.add(request.id, { ...sent, kind: 'personal' });
    return true;
  }

  /**
   * A Teams service URL for a chat the bot was never told about. Teams gives one per region in every activity;
   * one the bot heard from this tenant (where the request was made, the requester's chat, the approvers' channel)
   * serves its other people too, as a tenant's users are served from the tenant's region.
   */
  private async serviceUrlNear(request: InvitationRequest): Promise<string | undefined> {
    for (const key of [request.replyTo, personalChatKey(request.requester.id)]) {
      if (!key) continue;
      const url = (await this.options.conversations.get(key))?.serviceUrl;
      if (typeof url === 'string' && url) return url;
    }
    return this.options.policy.delivery.channel?.serviceUrl;
  }

  private async updateApprovalCards(request: InvitationRequest): Promise<void> {
    const approverIds = await this.approverIds(request);
    for (const location of await this.options.approvalCards.list(request.id)) {
      // A personal copy keeps the language of its chat (the one it was sent in); the channel's has no chat locale.
      const chat = location.kind === 'personal' ? await this.options.conversations.get(conversationKey(location.conversationId)) : undefined;
      const card = this.approvalCard(request, approverIds, chat?.locale);
      const reference = this.channelReference(location.serviceUrl, location.conversationId);
      await this.deliver(request.id, reference, async (context) => {
        const update: Partial<Activity> = { ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: location.activityId };
        await context.updateActivity(update);
      });
    }
  }

  private async sendNews(request: InvitationRequest, news: RequesterNews): Promise<void> {
    // The chat the request came from; else the requester's personal chat (requests made elsewhere, e.g. the CLI).
    const reference =
      (request.replyTo ? await this.options.conversations.get(request.replyTo) : undefined) ??
      (await this.options.conversations.get(personalChatKey(request.requester.id)));
    if (!reference) {
      this.options.logger.warn({ requestId: request.id }, 'no conversation on record to tell the requester');
      return;
    }
    const locale = request.requester.locale;
    const render = (linkSentElsewhere?: 'privately' | 'notDelivered') =>
      renderRequestNews(translatorFor(locale), request, {
        redeemUrl: news.redeemUrl,
        linkSentElsewhere,
        topic: news.topic,
        formatDate: dateFormatterFor(locale),
      });
    const where = reference as Partial<ConversationReference>;
    let card = render();
    if (news.redeemUrl && !isPersonalChatOf(where, request.requester.id)) {
      // The URL goes to the requester alone; the chat they asked in only hears where it went.
      const sent = await this.options.privateChat.sendTo(request.requester.id, where, attachment(card));
      card = render(sent ? 'privately' : 'notDelivered');
    }
    await this.deliver(request.id, where, async (context) => {
      await context.sendActivity(attachment(card));
    });
  }

  private async post(request: InvitationRequest, reference: Partial<ConversationReference>, card: object, kind: string): Promise<boolean> {
    return this.deliver(request.id, reference, async (context) => {
      const sent = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      if (!sent?.id) return;
      await this.options.approvalCards.add(request.id, {
        conversationId: context.activity.conversation.id,
        activityId: sent.id,
        serviceUrl: context.activity.serviceUrl,
        kind,
      });
    });
  }

  private channelReference(serviceUrl: string, conversationId: string): Partial<ConversationReference> {
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId: this.options.tenantId, name: '' },
      bot: { id: this.options.botAppId, name: 'GuestPass' },
    };
  }

  /** True when the message went out. */
  private async deliver(requestId: string, reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<boolean> {
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, send);
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error, requestId }, 'proactive message failed');
      return false;
    }
  }
}

function attachment(card: object): Partial<Activity> {
  return MessageFactory.attachment(CardFactory.adaptiveCard(card));
}

/** A conversation is the requester's own only if Teams calls it personal and it is with them. */
function isPersonalChatOf(reference: Partial<ConversationReference>, aadObjectId: string): boolean {
  return reference.conversation?.conversationType === 'personal' && reference.user?.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase();
}

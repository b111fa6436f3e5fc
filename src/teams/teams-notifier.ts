import { Activity, CardFactory, CloudAdapter, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { renderApprovalCard } from '../cards/approval-card';
import { renderRequestNews } from '../cards/request-news-card';
import { translatorFor } from '../i18n';
import { ApproverDirectory } from '../invitation/approver-directory';
import { InvitationRequest } from '../invitation/invitation-request';
import { RequesterNews, RequestNotifier } from '../invitation/notifier-port';
import { InvitationPolicy } from '../invitation/policy';
import { ApprovalCardLocations, ConversationReferenceStore } from '../storage/store';
import { personalChatKey } from './conversation-keys';
import { PrivateChat } from './private-chat';
import { dateFormatterFor } from './turn';

export interface TeamsNotifierOptions {
  adapter: CloudAdapter;
  /** Empty in local development (no bot identity). */
  botAppId: string;
  tenantId?: string;
  policy: InvitationPolicy;
  /** Who the approvers are, as object ids (policy names people by UPN and by group too). */
  approvers: ApproverDirectory;
  conversations: ConversationReferenceStore;
  approvalCards: ApprovalCardLocations;
  /** Reaches a requester one to one, for a redeem URL that must not be posted where they asked. */
  privateChat: PrivateChat;
  logger: Logger;
}

/** Teams user-specific views accept at most 60 user ids. */
const MAX_REFRESH_USERS = 60;

/**
 * Reaches people outside the current turn with Bot Framework proactive messages: approval cards to the approvers'
 * channel and personal chats, in-place updates of every copy once a request moves on, and news to the requester.
 * A delivery that fails is logged and skipped; the request itself is already safe in the store.
 *
 * Deliveries run in the background so the person who acted (an approver's click) gets an answer at once, even
 * when a recipient's endpoint is slow; those of one request run in order, so its cards never go back in time.
 */
export class TeamsNotifier implements RequestNotifier {
  private readonly queues = new Map<string, Promise<void>>();

  constructor(private readonly options: TeamsNotifierOptions) {}

  askApprovers(request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers'): Promise<void> {
    return this.enqueue(request.id, () => this.sendApprovalCards(request, audience));
  }

  showRequestState(request: InvitationRequest): Promise<void> {
    return this.enqueue(request.id, () => this.updateApprovalCards(request));
  }

  tellRequester(request: InvitationRequest, news: RequesterNews): Promise<void> {
    return this.enqueue(request.id, () => this.sendNews(request, news));
  }

  /** Resolves once every delivery started so far has finished (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.queues.size > 0) await Promise.all([...this.queues.values()]);
  }

  private enqueue(requestId: string, work: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(requestId) ?? Promise.resolve();
    const next = previous
      .then(work)
      .catch((error: unknown) => this.options.logger.warn({ err: error, requestId }, 'notification failed'))
      .finally(() => {
        if (this.queues.get(requestId) === next) this.queues.delete(requestId);
      });
    this.queues.set(requestId, next);
    return Promise.resolve();
  }

  /** MRIs for `refresh.userIds`: Teams accepts `8:orgid:<object id>` for people known by Entra object id. */
  async approverIds(request: InvitationRequest): Promise<string[]> {
    const ids = await this.options.approvers.deciders(request);
    return ids.slice(0, MAX_REFRESH_USERS).map((id) => `8:orgid:${id}`);
  }

  private async sendApprovalCards(request: InvitationRequest, audience: 'approvers' | 'fallbackApprovers'): Promise<void> {
    const { policy } = this.options;
    const card = renderApprovalCard(translatorFor(undefined), request, {
      mode: 'readOnly',
      approverIds: await this.approverIds(request),
      formatDate: dateFormatterFor(undefined),
      groups: this.options.policy.offeredGroups,
    });
    const channel = policy.delivery.channel;
    if (channel && audience === 'approvers') {
      const reference = this.channelReference(channel.serviceUrl, channel.channelId);
      await this.post(request, reference, card, 'channel');
    }
    if (policy.delivery.personal || !channel) {
      for (const person of await this.options.approvers.recipients(request, audience)) {
        const reference = await this.options.conversations.get(personalChatKey(person));
        if (!reference) {
          this.options.logger.warn({ requestId: request.id, approver: person }, 'approver has no personal chat with the bot yet');
          continue;
        }
        await this.post(request, reference as Partial<ConversationReference>, card, 'personal');
      }
    }
  }

  private async updateApprovalCards(request: InvitationRequest): Promise<void> {
    const card = renderApprovalCard(translatorFor(undefined), request, {
      mode: 'readOnly',
      approverIds: await this.approverIds(request),
      formatDate: dateFormatterFor(undefined),
      groups: this.options.policy.offeredGroups,
    });
    for (const location of await this.options.approvalCards.list(request.id)) {
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

  private async post(request: InvitationRequest, reference: Partial<ConversationReference>, card: object, kind: string): Promise<void> {
    await this.deliver(request.id, reference, async (context) => {
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

  private async deliver(requestId: string, reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>): Promise<void> {
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, send);
    } catch (error) {
      this.options.logger.warn({ err: error, requestId }, 'proactive message failed');
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

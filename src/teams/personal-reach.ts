import { CardFactory, CloudAdapter, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { DirectoryError } from '../invitation/directory-error';
import { PersonalChatPort } from '../invitation/personal-chat-port';
import { ConversationReferenceStore } from '../storage/store';
import { personalChatKey } from './conversation-keys';

export interface PersonalReachOptions {
  adapter: CloudAdapter;
  /** Empty in local development (no bot identity). */
  botAppId: string;
  tenantId?: string;
  conversations: ConversationReferenceStore;
  /**
   * Opens a personal chat with someone who never wrote to the bot, by installing GuestPass for them; unset where
   * that is impossible (local development).
   */
  personalChats?: PersonalChatPort;
  logger: Logger;
}

/** Where a card went, so it can be updated in place. */
export interface SentCard {
  conversationId: string;
  activityId: string;
  serviceUrl: string;
}

/** After Graph refused to install the app, how long GuestPass leaves it before asking again. */
const INSTALL_REFUSAL_MEMORY_MS = 60 * 60 * 1000;

/**
 * Reaches a person one to one outside any turn, by Entra object id: their stored personal chat, in the language
 * last heard there; else a personal chat opened by installing GuestPass for them (they have not told the bot their
 * language yet). Approval cards and the guest lifecycle's cards go the same way.
 */
export class PersonalReach {
  /** When Graph last refused to install the app (no permission): logged once, not retried for a while. */
  private installRefusedAt: number | undefined;

  constructor(private readonly options: PersonalReachOptions) {}

  /**
   * Sends the card `cardIn(locale)` to `person`; `serviceUrl` is asked only when a chat must be opened. Resolves with
   * where it went, or undefined when the person could not be reached (logged with `log`).
   */
  async sendCard(
    person: string,
    cardIn: (locale: unknown) => object,
    serviceUrl: () => Promise<string | undefined>,
    log: Record<string, unknown>,
  ): Promise<SentCard | undefined> {
    const stored = await this.options.conversations.get(personalChatKey(person));
    if (stored) {
      const sent = await this.post(stored as Partial<ConversationReference>, cardIn(stored.locale), log);
      if (sent) return sent;
    }
    const opened = await this.openPersonalChat(person, serviceUrl, log);
    const sent = opened ? await this.post(opened, cardIn(undefined), log) : undefined;
    if (!opened || !sent) {
      this.options.logger.warn({ ...log, person }, 'card could not reach the person in a personal chat');
      return undefined;
    }
    await this.options.conversations.save(personalChatKey(person), opened as Record<string, unknown>);
    return sent;
  }

  /** Replaces a card sent before; false when Teams refused (logged). */
  updateCard(where: SentCard & { kind?: string }, card: object, log: Record<string, unknown>): Promise<boolean> {
    const reference: Partial<ConversationReference> = {
      channelId: 'msteams',
      serviceUrl: where.serviceUrl,
      conversation: { id: where.conversationId, isGroup: where.kind !== 'personal', conversationType: where.kind === 'personal' ? 'personal' : 'channel', tenantId: this.options.tenantId, name: '' },
      bot: { id: this.options.botAppId, name: 'GuestPass' },
    };
    return this.deliver(reference, async (context) => {
      await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id: where.activityId });
    }, log);
  }

  /** True when `send` ran in the conversation without error. */
  async deliver(reference: Partial<ConversationReference>, send: (context: TurnContext) => Promise<void>, log: Record<string, unknown>): Promise<boolean> {
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, send);
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error, ...log }, 'proactive message failed');
      return false;
    }
  }

  private async post(reference: Partial<ConversationReference>, card: object, log: Record<string, unknown>): Promise<SentCard | undefined> {
    let sent: SentCard | undefined;
    await this.deliver(reference, async (context) => {
      const answer = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
      if (answer?.id) sent = { conversationId: context.activity.conversation.id, activityId: answer.id, serviceUrl: context.activity.serviceUrl };
    }, log);
    return sent;
  }

  private async openPersonalChat(
    person: string,
    serviceUrlNear: () => Promise<string | undefined>,
    log: Record<string, unknown>,
  ): Promise<Partial<ConversationReference> | undefined> {
    const { personalChats, logger } = this.options;
    if (!personalChats) return undefined;
    if (this.installRefusedAt !== undefined && Date.now() - this.installRefusedAt < INSTALL_REFUSAL_MEMORY_MS) return undefined;
    const serviceUrl = await serviceUrlNear();
    if (!serviceUrl) {
      logger.warn(log, 'no Teams service URL on record to open a personal chat with');
      return undefined;
    }
    let chatId: string;
    try {
      chatId = await personalChats.openPersonalChat(person);
    } catch (error) {
      if (error instanceof DirectoryError && error.kind === 'insufficientPrivileges') {
        if (this.installRefusedAt === undefined) {
          logger.warn(
            { ...log, graphRequestId: error.requestId },
            'GuestPass may not install itself for people (TeamsAppInstallation.ReadWriteSelfForUser.All): those who never opened a chat with it get no card',
          );
        }
        this.installRefusedAt = Date.now();
      } else {
        logger.warn({ err: error, ...log, person }, 'could not install GuestPass for the person');
      }
      return undefined;
    }
    this.installRefusedAt = undefined;
    return {
      channelId: 'msteams',
      serviceUrl,
      conversation: { id: chatId, isGroup: false, conversationType: 'personal', tenantId: this.options.tenantId, name: '' },
      bot: { id: this.options.botAppId, name: 'GuestPass' },
      // Teams knows people by `8:orgid:<object id>` too; the object id marks the chat as this person's.
      user: { id: `8:orgid:${person}`, name: '', aadObjectId: person },
    };
  }
}

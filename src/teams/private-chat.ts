import { Activity, CloudAdapter, ConversationParameters, ConversationReference, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { ConversationReferenceStore } from '../storage/store';
import { personalChatKey } from './conversation-keys';
import { Turn } from './turn';

export interface PrivateChatOptions {
  adapter: CloudAdapter;
  /** Empty in local development (no bot identity). */
  botAppId: string;
  conversations: ConversationReferenceStore;
  logger: Logger;
}

/**
 * Reaches the person behind a turn in their own 1:1 chat with the bot, wherever they asked from. Used for what
 * must not be seen by others in a group chat or channel (a redeem URL). The stored personal conversation is
 * tried first; without one (or if it no longer works) a 1:1 conversation is created, as Teams allows for any
 * member of a team or chat the bot is in.
 */
export class PrivateChat {
  constructor(private readonly options: PrivateChatOptions) {}

  /** True when the activity was delivered to the person privately; never falls back to the shared chat. */
  async send(turn: Turn, activity: Partial<Activity>): Promise<boolean> {
    const { context } = turn;
    if (context.activity.conversation?.conversationType === 'personal') {
      await context.sendActivity(activity);
      return true;
    }
    const stored = await this.options.conversations.get(personalChatKey(turn.requester.id));
    if (stored && (await this.continueIn(stored as Partial<ConversationReference>, activity))) return true;
    return this.createAndSend(turn, activity);
  }

  private async continueIn(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<boolean> {
    try {
      await this.options.adapter.continueConversationAsync(this.options.botAppId, reference, async (context) => {
        await context.sendActivity(activity);
      });
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'stored personal chat could not be used; creating a new one');
      return false;
    }
  }

  private async createAndSend(turn: Turn, activity: Partial<Activity>): Promise<boolean> {
    const incoming = turn.context.activity;
    const tenantId = incoming.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: incoming.recipient,
      members: [{ id: incoming.from.id, name: incoming.from.name }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    try {
      await this.options.adapter.createConversationAsync(
        this.options.botAppId,
        incoming.channelId,
        incoming.serviceUrl,
        // No audience: the connector then uses the channel's default scope, as for any reply.
        undefined as unknown as string,
        parameters,
        async (context) => {
          const reference = { ...TurnContext.getConversationReference(context.activity), user: incoming.from };
          reference.conversation = { ...reference.conversation!, conversationType: 'personal' };
          await this.options.conversations.save(personalChatKey(turn.requester.id), reference as unknown as Record<string, unknown>);
          await context.sendActivity(activity);
        },
      );
      return true;
    } catch (error) {
      this.options.logger.warn({ err: error }, 'could not open a personal chat with the person');
      return false;
    }
  }
}

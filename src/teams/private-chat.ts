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
    const incoming = context.activity;
    return this.reach(turn.requester.id, { ...TurnContext.getConversationReference(incoming), user: incoming.from }, activity);
  }

  /**
   * Outside a turn (a decision made later): reaches the person with Entra object id `aadObjectId` privately,
   * starting from `shared`, a conversation they asked in. A new 1:1 chat can only be opened when the person is
   * the one that conversation last heard from (their Teams id is needed); otherwise only a stored personal chat
   * will do.
   */
  async sendTo(aadObjectId: string, shared: Partial<ConversationReference>, activity: Partial<Activity>): Promise<boolean> {
    const user = shared.user?.aadObjectId?.toLowerCase() === aadObjectId.toLowerCase() ? shared.user : undefined;
    return this.reach(aadObjectId, { ...shared, user }, activity);
  }

  private async reach(aadObjectId: string, origin: Partial<ConversationReference>, activity: Partial<Activity>): Promise<boolean> {
    const stored = await this.options.conversations.get(personalChatKey(aadObjectId));
    if (stored && (await this.continueIn(stored as Partial<ConversationReference>, activity))) return true;
    if (!origin.user || !origin.serviceUrl || !origin.bot) return false;
    return this.createAndSend(aadObjectId, origin as ConversationReference, activity);
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

  private async createAndSend(aadObjectId: string, origin: ConversationReference, activity: Partial<Activity>): Promise<boolean> {
    const tenantId = origin.conversation?.tenantId;
    const parameters = {
      isGroup: false,
      bot: origin.bot,
      members: [{ id: origin.user!.id, name: origin.user!.name }],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    } as ConversationParameters;
    try {
      await this.options.adapter.createConversationAsync(
        this.options.botAppId,
        origin.channelId,
        origin.serviceUrl,
        // No audience: the connector then uses the channel's default scope, as for any reply.
        undefined as unknown as string,
        parameters,
        async (context) => {
          const reference = { ...TurnContext.getConversationReference(context.activity), user: origin.user };
          reference.conversation = { ...reference.conversation!, conversationType: 'personal' };
          await this.options.conversations.save(personalChatKey(aadObjectId), reference as unknown as Record<string, unknown>);
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

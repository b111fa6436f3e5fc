import { CardFactory, ConversationReference, MessageFactory } from 'botbuilder';
import { AdaptiveCard } from '../../cards/adaptive-card';
import { TeamsBulkDeps } from './bulk-parts';

/**
 * One message a bulk run posts and then rewrites in place (updateActivity) as it goes. Updates go out one after
 * the other, in order, so a slow update never lands after a later one; a failed update is logged and skipped,
 * since the next one shows the news anyway.
 */
export class ProgressMessage {
  private activityId?: string;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: Pick<TeamsBulkDeps, 'continueConversation' | 'logger'>,
    private readonly reference: Partial<ConversationReference>,
  ) {}

  /** The message's id once posted (or taken over), for another instance to go on updating it. */
  get id(): string | undefined {
    return this.activityId;
  }

  /** Goes on updating a message posted earlier, by this instance or another. */
  takeOver(activityId: string): void {
    this.activityId = activityId;
  }

  post(card: AdaptiveCard): Promise<void> {
    return this.enqueue(async () => {
      await this.deps.continueConversation(this.reference, async (context) => {
        this.activityId = (await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card))))?.id;
      });
    });
  }

  update(card: AdaptiveCard): Promise<void> {
    return this.enqueue(async () => {
      const id = this.activityId;
      if (!id) return;
      await this.deps.continueConversation(this.reference, async (context) => {
        await context.updateActivity({ ...MessageFactory.attachment(CardFactory.adaptiveCard(card)), id });
      });
    });
  }

  private enqueue(send: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(send).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'bulk progress message not delivered');
    });
    return this.queue;
  }
}

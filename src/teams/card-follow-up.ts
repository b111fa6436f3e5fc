import { AdaptiveCardInvokeResponse, CardFactory, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { BackgroundWork } from './background-work';
import { cardResponse } from './handlers/responses';
import { Turn } from './turn';

export interface CardFollowUpDeps {
  background: BackgroundWork;
  /** Runs `logic` in a conversation outside any turn (a proactive continuation). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  logger: Logger;
}

/** A card action whose work may outlast the few seconds Teams waits for the invoke's answer. */
export interface SlowCardAction {
  /** Names the work in the log. */
  label: string;
  /** Shown at once in place of the card the button was on: what is under way. */
  interim: object;
  /** The slow part; the card it resolves to replaces the interim one. */
  finish(): Promise<object>;
  /** Shown instead when `finish` fails unexpectedly (the failure itself is logged), with the error text. */
  failed(): object | Promise<object>;
}

/**
 * Answers a card action at once and finishes it in the background: Teams gives up on an invoke after a few
 * seconds, while Graph may be slow or throttled far longer (a Retry-After of 30 s). The answer shows the interim
 * card; when the work ends, the card the person pressed is updated in place (`updateActivity` on the message the
 * invoke replied to), so the outcome appears where they are looking, in their language.
 */
export class CardFollowUp {
  constructor(private readonly deps: CardFollowUpDeps) {}

  answerNow(turn: Turn, action: SlowCardAction): AdaptiveCardInvokeResponse {
    const { activity } = turn.context;
    const reference = TurnContext.getConversationReference(activity);
    // Teams puts the id of the message carrying the card in `replyToId`.
    const cardId = typeof activity.replyToId === 'string' && activity.replyToId !== '' ? activity.replyToId : undefined;
    this.deps.background.start(action.label, async () => {
      let card: object;
      try {
        card = await action.finish();
      } catch (error) {
        this.deps.logger.error({ err: error, work: action.label }, 'card action failed in the background');
        card = await action.failed();
      }
      await this.show(reference, cardId, card, action.label);
    });
    return cardResponse(action.interim);
  }

  private async show(reference: Partial<ConversationReference>, cardId: string | undefined, card: object, label: string): Promise<void> {
    const message = MessageFactory.attachment(CardFactory.adaptiveCard(card));
    try {
      await this.deps.continueConversation(reference, async (context) => {
        // Without the card's message id there is nothing to update: the outcome comes as a message of its own.
        if (cardId) await context.updateActivity({ ...message, id: cardId });
        else await context.sendActivity(message);
      });
    } catch (error) {
      this.deps.logger.warn({ err: error, work: label }, 'card update not delivered');
    }
  }
}

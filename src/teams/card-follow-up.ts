import { AdaptiveCardInvokeResponse, CardFactory, ConversationReference, MessageFactory, TurnContext } from 'botbuilder';
import { Logger } from 'pino';
import { renderActionNote } from '../cards/action-note-card';
import { BackgroundWork } from './background-work';
import { cardResponse, messageResponse } from './handlers/responses';
import { Turn } from './turn';

/**
 * How long a card action may work before it is answered anyway. Teams gives up on an invoke after a few seconds
 * (5 s for message extensions; card actions are of the same order), and the answer still has to travel back.
 */
const ANSWER_WITHIN_MS = 3_000;

export interface CardFollowUpDeps {
  background: BackgroundWork;
  /** Runs `logic` in a conversation outside any turn (a proactive continuation). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  logger: Logger;
  /** Tests shorten it; see ANSWER_WITHIN_MS. */
  answerWithinMs?: number;
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
  /** Answers of `answerNow`: their work updates the card itself. */
  private readonly interims = new WeakSet<AdaptiveCardInvokeResponse>();

  constructor(private readonly deps: CardFollowUpDeps) {}

  /**
   * Runs a whole card action, answering with its own answer when it comes in time, and otherwise with a "working on
   * it" card while it goes on: even the quick part (who may act, which Graph may be slow to say when it throttles)
   * must not hold the answer past what Teams waits. The action then gets a copy of the turn's context, since the
   * SDK revokes the turn's own once the answer is sent; its answer, when it comes, replaces the card in place.
   */
  async answerWithin(turn: Turn, label: string, action: (turn: Turn) => Promise<AdaptiveCardInvokeResponse>): Promise<AdaptiveCardInvokeResponse> {
    const { reference, cardId } = whereTheCardIs(turn);
    const running = action({ ...turn, context: unrevokedCopy(turn.context) });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), this.deps.answerWithinMs ?? ANSWER_WITHIN_MS)));
    const first = await Promise.race([running, late]).finally(() => clearTimeout(timer));
    if (first !== 'late') return first;

    this.deps.background.start(label, async () => {
      let answer: AdaptiveCardInvokeResponse;
      try {
        answer = await running;
      } catch (error) {
        this.deps.logger.error({ err: error, work: label }, 'card action failed after its answer');
        answer = messageResponse(turn.t('errors.unexpected'));
      }
      if (this.interims.has(answer)) return;
      const card = answer.type === 'application/vnd.microsoft.card.adaptive' ? (answer.value as object) : renderActionNote(turn.t, { action: 'other', text: String(answer.value) });
      await this.show(reference, cardId, card, label);
    });
    return cardResponse(renderActionNote(turn.t, { action: 'other', text: turn.t('cards:actionNote.takingLonger'), working: true }));
  }

  answerNow(turn: Turn, action: SlowCardAction): AdaptiveCardInvokeResponse {
    const { reference, cardId } = whereTheCardIs(turn);
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
    const answer = cardResponse(action.interim);
    this.interims.add(answer);
    return answer;
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

/** The conversation of the pressed card, and the card's message id (Teams puts it in `replyToId`). */
function whereTheCardIs(turn: Turn): { reference: Partial<ConversationReference>; cardId?: string } {
  const { activity } = turn.context;
  const cardId = typeof activity.replyToId === 'string' && activity.replyToId !== '' ? activity.replyToId : undefined;
  return { reference: TurnContext.getConversationReference(activity), cardId };
}

/**
 * The SDK hands a turn a context it revokes when the turn ends. A copy made while it is live keeps working after:
 * the SDK's own copy takes the activity and the handlers, and the turn state (the Bot Connector client, the caller's
 * identity) is carried over here, since the SDK's copy leaves it out.
 */
function unrevokedCopy(context: TurnContext): TurnContext {
  const copy = new TurnContext(context);
  for (const [key, value] of context.turnState) copy.turnState.set(key, value);
  return copy;
}

import { ActivityTypes, AdaptiveCardInvokeResponse, CardFactory, MessageFactory, TurnContext } from 'botbuilder';

/** Sends an Adaptive Card as a new message in the conversation. */
export async function replyWithCard(context: TurnContext, card: object): Promise<void> {
  await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
}

export async function replyWithText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity({ type: ActivityTypes.Message, text, textFormat: 'plain' });
}

/** The Universal Actions answer that replaces the card the person acted on. */
export function cardResponse(card: object): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card as Record<string, unknown> };
}

/** The Universal Actions answer that leaves the card alone and shows the person a short message. */
export function messageResponse(text: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text as unknown as Record<string, unknown> };
}

import { CardFactory, MessageFactory } from 'botbuilder';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';
import { inOwnPersonalChat } from './link-delivery';
import { replyWithCard, replyWithText } from './responses';

/**
 * A list of guests (names, addresses, last sign-ins) goes to the person who asked, in their personal chat: asked in
 * a group chat or channel, the others there only hear where it went.
 */
export async function replyWithGuestList(turn: Turn, services: BotServices, card: object): Promise<void> {
  if (inOwnPersonalChat(turn)) return replyWithCard(turn.context, card);
  const sent = await services.privateChat.send(turn, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  await replyWithText(turn.context, sent ? turn.t('lifecycle.sentPrivately', { name: turn.requester.displayName }) : turn.t('lifecycle.notDelivered'));
}

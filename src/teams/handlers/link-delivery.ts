import { CardFactory, MessageFactory } from 'botbuilder';
import { AdaptiveCard } from '../../cards/adaptive-card';
import { renderSubmitOutcome } from '../../cards/invitation-result-card';
import { renderRedeemLink } from '../../cards/redeem-link-card';
import { RedeemLinkOutcome } from '../../invitation/redeem-link';
import { SubmitOutcome } from '../../invitation/submit-invitation';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';

export type Delivery = 'here' | 'privately' | 'notDelivered';

/**
 * Only a personal chat is the asker's own: Teams gives a bot no personal chat with anyone but the person who
 * writes in it. A group chat, a channel, and anything Teams does not call personal are shared.
 */
export function inOwnPersonalChat(turn: Turn): boolean {
  return turn.context.activity.conversation?.conversationType === 'personal';
}

/**
 * Puts a fresh redeem URL in front of the person who asked, and nobody else: in their personal chat with the
 * bot, whichever chat they asked in. The URL goes only into the card; it is never logged or stored.
 */
export async function deliverRedeemLink(
  turn: Turn,
  services: BotServices,
  issued: Extract<RedeemLinkOutcome, { kind: 'issued' }>,
): Promise<Delivery> {
  const card = renderRedeemLink(turn.t, { email: issued.email, displayName: issued.user.displayName, redeemUrl: issued.redeemUrl });
  return sendPrivately(turn, services, card);
}

/**
 * The answer to an invitation, for the chat it was asked in. When the email was withheld and that chat is shared,
 * the card with the redeem URL goes to the requester privately first, and the answer only says where it went.
 */
export async function invitationAnswer(turn: Turn, services: BotServices, outcome: SubmitOutcome): Promise<AdaptiveCard> {
  const withheldLink = outcome.kind === 'invited' && outcome.redeemUrl !== undefined;
  if (!withheldLink || inOwnPersonalChat(turn)) return renderSubmitOutcome(turn.t, outcome, turn.formatDate);
  const delivery = await sendPrivately(turn, services, renderSubmitOutcome(turn.t, outcome, turn.formatDate));
  return renderSubmitOutcome(turn.t, outcome, turn.formatDate, delivery === 'notDelivered' ? 'notDelivered' : 'privately');
}

async function sendPrivately(turn: Turn, services: BotServices, card: AdaptiveCard): Promise<Delivery> {
  const sent = await services.privateChat.send(turn, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (!sent) return 'notDelivered';
  return inOwnPersonalChat(turn) ? 'here' : 'privately';
}

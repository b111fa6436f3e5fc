import { CardFactory, MessageFactory } from 'botbuilder';
import { renderRedeemLink } from '../../cards/redeem-link-card';
import { RedeemLinkOutcome } from '../../invitation/redeem-link';
import { BotServices } from '../bot-services';
import { Turn } from '../turn';

export type Delivery = 'here' | 'privately' | 'notDelivered';

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
  const personal = turn.context.activity.conversation?.conversationType === 'personal';
  const sent = await services.privateChat.send(turn, MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  if (!sent) return 'notDelivered';
  return personal ? 'here' : 'privately';
}

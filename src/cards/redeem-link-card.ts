import { Translate } from '../i18n';
import { AdaptiveCard } from './adaptive-card';
import { adaptiveCard, attention, heading, textBlock } from './elements';

export interface RedeemLinkData {
  email: string;
  displayName: string;
  redeemUrl: string;
}

/**
 * A fresh invitation link, for the person who asked and nobody else: the caller sends it only in that person's
 * own chat with the bot. Like the invited card, it shows the URL as selectable text and warns what it is; there
 * is no button to open it, since whoever opens it first (the requester too) takes the guest's account.
 */
export function renderRedeemLink(t: Translate, data: RedeemLinkData): AdaptiveCard {
  return adaptiveCard([
    heading(t('cards:link.title', { name: data.displayName || data.email })),
    textBlock(t('cards:link.text', { email: data.email }), { spacing: 'small' }),
    textBlock(data.redeemUrl, { fontType: 'monospace' }),
    attention(t('cards:result.invited.linkWarning', { email: data.email }), { weight: 'bolder' }),
  ]);
}

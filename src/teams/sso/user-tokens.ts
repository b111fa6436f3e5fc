import { Activity, Attachment, CardFactory, TurnContext } from 'botbuilder';
import { Translate } from '../../i18n';
import { HeldToken } from './acting-people';

/** A token service answer (botframework-schema's TokenResponse, the fields GuestPass reads). */
interface TokenAnswer {
  token?: string;
  expiration?: string;
}

/**
 * The part of botbuilder's UserTokenClient GuestPass uses. The CloudAdapter puts one in every turn's state, bound
 * to the Bot Framework token service of the bot's cloud, or the `OAuthUrl` configured.
 */
interface TokenServiceClient {
  getUserToken(userId: string, connectionName: string, channelId: string, magicCode: string | undefined): Promise<TokenAnswer | undefined>;
  exchangeToken(userId: string, connectionName: string, channelId: string, request: { token: string }): Promise<TokenAnswer | undefined>;
  signOutUser(userId: string, connectionName: string, channelId: string): Promise<void>;
  getSignInResource(
    connectionName: string,
    activity: Activity,
    finalRedirect: string | undefined,
  ): Promise<{ signInLink?: string; tokenExchangeResource?: { id?: string; uri?: string; providerId?: string } }>;
}

/** When the token service does not say how long a token lasts, assume no longer than this. */
const DEFAULT_LIFETIME_MS = 30 * 60_000;

/**
 * A person's token for the Azure Bot's OAuth connection, through the Bot Framework token service: read, exchanged
 * from a Teams single sign-on token, redeemed with a magic code, dropped; and the sign-in card that starts it all.
 */
export class UserTokens {
  constructor(readonly connectionName: string) {}

  async get(context: TurnContext, magicCode?: string): Promise<HeldToken | undefined> {
    const { from, channelId } = context.activity;
    return held(await client(context).getUserToken(from.id, this.connectionName, channelId, magicCode));
  }

  /** Undefined when the token service would not exchange it (no consent yet, wrong audience…). */
  async exchange(context: TurnContext, token: string): Promise<HeldToken | undefined> {
    const { from, channelId } = context.activity;
    try {
      return held(await client(context).exchangeToken(from.id, this.connectionName, channelId, { token }));
    } catch {
      // The service answers a refused exchange with an error status; either way Teams falls back to the button.
      return undefined;
    }
  }

  async signOut(context: TurnContext): Promise<void> {
    const { from, channelId } = context.activity;
    await client(context).signOutUser(from.id, this.connectionName, channelId);
  }

  /**
   * The OAuth card: Teams first tries single sign-on with its `tokenExchangeResource` (sending
   * `signin/tokenExchange`), and shows the sign-in button (a magic code comes back in `signin/verifyState`) when
   * that fails.
   */
  async signInCard(context: TurnContext, t: Translate): Promise<Attachment> {
    const resource = await client(context).getSignInResource(this.connectionName, context.activity as Activity, undefined);
    return CardFactory.oauthCard(
      this.connectionName,
      t('sso.cardTitle'),
      t('sso.cardText'),
      resource.signInLink,
      resource.tokenExchangeResource as Parameters<typeof CardFactory.oauthCard>[4],
    );
  }
}

function client(context: TurnContext): TokenServiceClient {
  const key = (context.adapter as unknown as { UserTokenClientKey?: symbol }).UserTokenClientKey;
  const found = key ? (context.turnState.get(key) as TokenServiceClient | undefined) : undefined;
  if (!found) throw new Error('This turn has no user token client: the adapter is not a CloudAdapter');
  return found;
}

function held(answer: TokenAnswer | undefined): HeldToken | undefined {
  if (!answer?.token) return undefined;
  const expiresAt = Date.parse(answer.expiration ?? '');
  return { token: answer.token, expiresAt: Number.isNaN(expiresAt) ? Date.now() + DEFAULT_LIFETIME_MS : expiresAt };
}

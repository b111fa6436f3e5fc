import { ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions, StatusCodes } from 'botbuilder';
import { AuthenticationError } from 'botframework-connector';
import { BotClients, ConnectorFactory, UserTokenClient } from '../bot-clients';
import { ChannelCredentialsFactory } from '../channel-credentials';
import { signingKeyMetadataUrls } from '../channel-endpoints';
import { boundSigningKeyDownloads } from '../signing-keys';
import { fixTokenIssuers } from '../token-issuers';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** botframework-connector's AuthenticationConstants: AppIdClaim, AuthorizedParty, AudienceClaim. */
const APP_ID_CLAIM = 'appid';
const AUTHORIZED_PARTY_CLAIM = 'azp';
const AUDIENCE_CLAIM = 'aud';

/**
 * A Bot Framework channel token carries about ten claims and an Entra ID token a few dozen. The SDK reads the
 * claims of a token before checking its signature, and its skill check copies them once per claim: a token of a
 * thousand claims, which anyone can write, would hold the event loop for most of a second.
 */
const MAX_TOKEN_CLAIMS = 100;

/** What jsonwebtoken throws for a bad signature, a token not yet valid or expired, a forbidden algorithm. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The Bot Framework authentication GuestPass gives its CloudAdapter: the SDK's own, configured from settings
 * (see channel-endpoints.ts), with the outbound credentials of channel-credentials.ts and a bound on the signing
 * key download (signing-keys.ts).
 *
 * Every refused token is answered 401. The SDK turns only some refusals into an AuthenticationError (which the
 * adapter answers with 401): a bad signature, a token not valid yet or an algorithm outside its list reach the
 * adapter as jsonwebtoken's own errors, which it answers with 500, as if the bot had failed; those become
 * AuthenticationErrors here.
 *
 * One fix for local development: without a bot identity the channel's claims name no app, and the user token
 * client then cannot build the sign-in state the token service needs for a sign-in card (the SDK requires an app
 * id string). An empty app id is what local development means, so that is what the client gets. With a bot
 * identity nothing changes.
 *
 * Bot Connector and user token clients are also kept between turns (see BotClients) instead of being rebuilt on
 * each: the connector factory of an incoming turn comes from `authenticateRequest`, a proactive turn's from
 * `createConnectorFactory`, and both hand out the same kept clients.
 */
export class GuestPassBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly hasBotIdentity: boolean;
  private readonly clients = new BotClients();

  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions) {
    super(settings, new ChannelCredentialsFactory(settings));
    this.hasBotIdentity = typeof settings.MicrosoftAppId === 'string' && settings.MicrosoftAppId !== '';
    if (this.hasBotIdentity) boundSigningKeyDownloads(signingKeyMetadataUrls(settings));
    fixTokenIssuers(settings.MicrosoftAppTenantId);
  }

  override async authenticateRequest(...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>): Promise<AuthenticateRequestResult> {
    refuseOversizedClaims(args[1]);
    return this.keepingClients(await refusingBadTokens(super.authenticateRequest(...args)));
  }

  override async authenticateStreamingRequest(
    ...args: Parameters<ConfigurationBotFrameworkAuthentication['authenticateStreamingRequest']>
  ): Promise<AuthenticateRequestResult> {
    refuseOversizedClaims(args[0]);
    return this.keepingClients(await refusingBadTokens(super.authenticateStreamingRequest(...args)));
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    return this.clients.connectorFactory(callerOf(identity), super.createConnectorFactory(identity));
  }

  override createUserTokenClient(identity: ClaimsIdentity): Promise<UserTokenClient> {
    if (this.hasBotIdentity) return this.clients.userTokenClient(callerOf(identity), () => super.createUserTokenClient(identity));
    const withEmptyAppId = Object.create(identity, {
      getClaimValue: { value: (type: string) => identity.getClaimValue(type) ?? (type === APP_ID_CLAIM ? '' : null) },
    }) as ClaimsIdentity;
    return this.clients.userTokenClient(callerOf(withEmptyAppId), () => super.createUserTokenClient(withEmptyAppId));
  }

  private keepingClients(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory } = result;
    if (!connectorFactory) return result;
    return { ...result, connectorFactory: this.clients.connectorFactory(callerOf(result.claimsIdentity), connectorFactory) };
  }
}

/** Refuses (401) a bearer token with more claims than any genuine one, before the SDK reads them. */
function refuseOversizedClaims(authHeader: string | undefined): void {
  const payload = /^\s*Bearer\s+[^.\s]*\.([^.\s]*)\./i.exec(authHeader ?? '')?.[1];
  if (!payload) return;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    // Not JSON: the SDK refuses it without reading any claim.
    return;
  }
  if (typeof claims === 'object' && claims !== null && Object.keys(claims).length > MAX_TOKEN_CLAIMS) {
    throw new AuthenticationError('Unauthorized. Too many claims.', StatusCodes.UNAUTHORIZED);
  }
}

async function refusingBadTokens<T>(authentication: Promise<T>): Promise<T> {
  try {
    return await authentication;
  } catch (error) {
    if (error instanceof Error && TOKEN_ERRORS.has(error.name)) {
      throw new AuthenticationError(`Unauthorized. ${error.message}`, StatusCodes.UNAUTHORIZED);
    }
    throw error;
  }
}

/** What the SDK's factories depend on besides the service URL and audience: who is calling. */
function callerOf(identity: ClaimsIdentity): string {
  return [APP_ID_CLAIM, AUTHORIZED_PARTY_CLAIM, AUDIENCE_CLAIM].map((claim) => identity.getClaimValue(claim) ?? '').join('|');
}

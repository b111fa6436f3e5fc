import { ConfigurationBotFrameworkAuthentication, ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { ConnectorClients, ConnectorFactory } from '../connector-clients';

type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];

/** botframework-connector's AuthenticationConstants: AppIdClaim, AuthorizedParty, AudienceClaim. */
const APP_ID_CLAIM = 'appid';
const AUTHORIZED_PARTY_CLAIM = 'azp';
const AUDIENCE_CLAIM = 'aud';

/**
 * The Bot Framework authentication GuestPass gives its CloudAdapter: the SDK's own, configured from settings
 * (including `OAuthUrl`, the token service), with one fix for local development. Without a bot identity the
 * channel's claims name no app, and the user token client then cannot build the sign-in state the token service
 * needs for a sign-in card (the SDK requires an app id string). An empty app id is what local development means,
 * so that is what the client gets. With a bot identity nothing changes.
 *
 * Bot Connector clients are also kept between turns (see ConnectorClients) instead of being rebuilt on each.
 */
export class GuestPassBotAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly hasBotIdentity: boolean;
  private readonly connectorClients = new ConnectorClients();

  constructor(settings: ConfigurationBotFrameworkAuthenticationOptions) {
    super(settings);
    this.hasBotIdentity = typeof settings.MicrosoftAppId === 'string' && settings.MicrosoftAppId !== '';
  }

  override createConnectorFactory(identity: ClaimsIdentity): ConnectorFactory {
    // What the SDK's factory depends on besides the service URL and audience: who is calling.
    const caller = [APP_ID_CLAIM, AUTHORIZED_PARTY_CLAIM, AUDIENCE_CLAIM].map((claim) => identity.getClaimValue(claim) ?? '').join('|');
    return this.connectorClients.cached(caller, super.createConnectorFactory(identity));
  }

  override createUserTokenClient(identity: ClaimsIdentity): ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']> {
    if (this.hasBotIdentity) return super.createUserTokenClient(identity);
    const withEmptyAppId = Object.create(identity, {
      getClaimValue: { value: (type: string) => identity.getClaimValue(type) ?? (type === APP_ID_CLAIM ? '' : null) },
    }) as ClaimsIdentity;
    return super.createUserTokenClient(withEmptyAppId);
  }
}

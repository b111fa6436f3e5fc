import { ClientSecretCredential } from '@azure/identity';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import {
  AppCredentials,
  AuthenticationConstants,
  AuthenticatorResult,
  GovernmentConstants,
  ServiceClientCredentials,
  ServiceClientCredentialsFactory,
} from 'botframework-connector';

export interface ChannelCredentialSettings {
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

/**
 * The credentials the bot's outbound calls (replies, proactive messages, the token service) carry: the SDK's own,
 * except for one case it leaves broken. The SDK gets its token through MSAL, which checks a login authority it does
 * not know (anything but Microsoft's own clouds) against Entra ID's instance discovery at login.microsoftonline.com;
 * the SDK keeps `ValidateAuthority` on its credentials but never hands it to MSAL. With `ValidateAuthority=false`
 * and such an authority, GuestPass trusts the configured login URL as given and asks its tenant's token endpoint
 * directly (client credentials, no instance discovery), the way @azure/identity does for Graph.
 */
export class ChannelCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly sdk: ConfigurationServiceClientCredentialFactory;

  constructor(private readonly settings: ChannelCredentialSettings) {
    super();
    this.sdk = new ConfigurationServiceClientCredentialFactory(settings);
  }

  isValidAppId(appId: string): Promise<boolean> {
    return this.sdk.isValidAppId(appId);
  }

  isAuthenticationDisabled(): Promise<boolean> {
    return this.sdk.isAuthenticationDisabled();
  }

  async createCredentials(
    appId: string,
    audience: string | undefined,
    loginEndpoint: string,
    validateAuthority: boolean,
  ): Promise<ServiceClientCredentials> {
    // The SDK's factories are declared with a string audience yet pass `undefined` for "the channel's".
    const password = this.settings.MicrosoftAppPassword;
    if (validateAuthority || !password || isMicrosoftLoginAuthority(loginEndpoint) || !(await this.sdk.isValidAppId(appId))) {
      return this.sdk.createCredentials(appId, audience as string, loginEndpoint, validateAuthority);
    }
    return new TrustedAuthorityAppCredentials(appId, password, loginEndpoint, audience);
  }
}

/** The authorities the SDK recognises by prefix and gives to MSAL with its built-in metadata. */
function isMicrosoftLoginAuthority(loginEndpoint: string | undefined): boolean {
  const endpoint = loginEndpoint?.toLowerCase() ?? '';
  return [AuthenticationConstants.ToChannelFromBotLoginUrlPrefix, GovernmentConstants.ToChannelFromBotLoginUrlPrefix].some(
    (prefix) => endpoint.startsWith(prefix),
  );
}

/**
 * The SDK's AppCredentials (request signing, token caching, renewal five minutes early) with the token from the
 * configured authority, `https://<login host>/<tenant>`.
 */
class TrustedAuthorityAppCredentials extends AppCredentials {
  private readonly credential: ClientSecretCredential;

  constructor(appId: string, password: string, loginEndpoint: string, audience: string | undefined) {
    const authority = new URL(loginEndpoint);
    const tenant = decodeURIComponent(authority.pathname.split('/').filter((segment) => segment !== '')[0] ?? '');
    super(appId, tenant, audience);
    this.oAuthEndpoint = loginEndpoint;
    this.credential = new ClientSecretCredential(tenant, appId, password, {
      authorityHost: authority.origin,
      disableInstanceDiscovery: true,
    });
  }

  protected async refreshToken(): Promise<AuthenticatorResult> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const token = await this.credential.getToken(scope);
    if (!token) throw new Error(`No token for ${scope} from ${this.oAuthEndpoint}`);
    return { accessToken: token.token, expiresOn: new Date(token.expiresOnTimestamp) };
  }
}

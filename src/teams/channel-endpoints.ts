import type { ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import { CallerIdConstants } from 'botbuilder';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import type { BotIdentityConfig } from '../config';

type ChannelEndpoints = Required<
  Pick<
    ConfigurationBotFrameworkAuthenticationOptions,
    | 'ToBotFromChannelOpenIdMetadataUrl'
    | 'ToBotFromChannelTokenIssuer'
    | 'ToBotFromEmulatorOpenIdMetadataUrl'
    | 'ToChannelFromBotLoginUrl'
    | 'ToChannelFromBotOAuthScope'
    | 'OAuthUrl'
  >
> & { CallerId?: string };

/** The endpoints botframework-connector itself uses for the clouds it knows, taken from its constants. */
function builtInCloud(channelService: string | undefined): ChannelEndpoints | undefined {
  const cloud =
    channelService === undefined
      ? { constants: AuthenticationConstants, callerId: CallerIdConstants.PublicAzureChannel }
      : channelService === GovernmentConstants.ChannelService
        ? { constants: GovernmentConstants, callerId: CallerIdConstants.USGovChannel }
        : undefined;
  if (!cloud) return undefined;
  const { constants, callerId } = cloud;
  return {
    ToBotFromChannelOpenIdMetadataUrl: constants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: constants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: constants.ToBotFromEmulatorOpenIdMetadataUrl,
    ToChannelFromBotLoginUrl: constants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: constants.ToChannelFromBotOAuthScope,
    OAuthUrl: constants.OAuthUrl,
    CallerId: callerId,
  };
}

const ENDPOINT_NAMES = [
  'ToBotFromChannelOpenIdMetadataUrl',
  'ToBotFromChannelTokenIssuer',
  'ToBotFromEmulatorOpenIdMetadataUrl',
  'ToChannelFromBotLoginUrl',
  'ToChannelFromBotOAuthScope',
  'OAuthUrl',
] as const;

/**
 * The settings GuestPass gives the SDK's ConfigurationBotFrameworkAuthentication: only those that are set.
 *
 * The SDK has two modes. With none of the endpoint settings it uses its own constants for the public cloud, or for
 * US Government when ChannelService says so. As soon as one endpoint setting is present it takes all of them from
 * the settings, and each missing one is then `undefined` (no issuer, no signing keys, no login URL: every token
 * refused, every outbound call failing). So when the operator overrides some endpoints, the others are filled in
 * from the cloud ChannelService names; configuration has already refused a ChannelService the SDK has no constants
 * for unless every endpoint was given.
 */
export function channelAuthenticationSettings(bot: BotIdentityConfig): ConfigurationBotFrameworkAuthenticationOptions {
  const settings: ConfigurationBotFrameworkAuthenticationOptions = definedOnly({
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.appPassword,
    MicrosoftAppType: bot.appId === undefined ? undefined : bot.appType,
    MicrosoftAppTenantId: bot.tenantId,
  });
  const { ChannelService, ValidateAuthority, ...given } = bot.channel;
  if (!ENDPOINT_NAMES.some((name) => given[name] !== undefined)) {
    return definedOnly({ ...settings, ChannelService });
  }
  const cloud = builtInCloud(ChannelService);
  // The caller id names the channel's cloud, which another token issuer no longer is.
  if (cloud && given.ToBotFromChannelTokenIssuer !== undefined) delete cloud.CallerId;
  // ChannelService still reaches the SDK: its ASE channel validation reads it.
  return definedOnly({ ...settings, ChannelService, ...cloud, ...definedOnly(given), ValidateAuthority: ValidateAuthority ?? true });
}

/** Where the signing keys of the channel's (and the Emulator's) tokens are published, with these settings. */
export function signingKeyMetadataUrls(settings: ConfigurationBotFrameworkAuthenticationOptions): string[] {
  const cloud = builtInCloud(settings.ChannelService);
  return [
    settings.ToBotFromChannelOpenIdMetadataUrl ?? cloud?.ToBotFromChannelOpenIdMetadataUrl,
    settings.ToBotFromEmulatorOpenIdMetadataUrl ?? cloud?.ToBotFromEmulatorOpenIdMetadataUrl,
  ].filter((url): url is string => typeof url === 'string');
}

function definedOnly<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

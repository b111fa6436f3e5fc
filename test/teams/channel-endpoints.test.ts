import assert from 'node:assert/strict';
import { CallerIdConstants } from 'botbuilder';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import { BotIdentityConfig, loadConfig } from '../../src/config';
import { channelAuthenticationSettings, signingKeyMetadataUrls } from '../../src/teams/channel-endpoints';

const IDENTITY = {
  MicrosoftAppId: '0c9d1a2b-1111-4222-8333-444455556666',
  MicrosoftAppPassword: 'bot-secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};
const SDK_IDENTITY = { ...IDENTITY };

const botConfig = (env: NodeJS.ProcessEnv): BotIdentityConfig => loadConfig(env).bot;

describe('the settings GuestPass gives the Bot Framework SDK', () => {
  it('without a bot identity or endpoints: nothing at all (local development)', () => {
    assert.deepEqual(channelAuthenticationSettings(botConfig({})), {});
  });

  it('with only an identity: only the identity, so the SDK uses its public-cloud constants', () => {
    assert.deepEqual(channelAuthenticationSettings(botConfig(IDENTITY)), SDK_IDENTITY);
  });

  it('with ChannelService for US Government only: the identity and ChannelService, the SDK\'s government constants', () => {
    const settings = channelAuthenticationSettings(botConfig({ ...IDENTITY, ChannelService: GovernmentConstants.ChannelService }));
    assert.deepEqual(settings, { ...SDK_IDENTITY, ChannelService: GovernmentConstants.ChannelService });
  });

  it('with one endpoint overridden: every other one from the public cloud, so none reaches the SDK undefined', () => {
    const settings = channelAuthenticationSettings(botConfig({ ...IDENTITY, OAuthUrl: 'https://europe.token.botframework.com' }));
    assert.deepEqual(settings, {
      ...SDK_IDENTITY,
      OAuthUrl: 'https://europe.token.botframework.com',
      ToBotFromChannelOpenIdMetadataUrl: AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: true,
    });
  });

  it('with US Government and one endpoint overridden: every other one from US Government', () => {
    const login = 'https://login.microsoftonline.us/72f988bf-86f1-41af-91ab-2d7cd011db47';
    const settings = channelAuthenticationSettings(
      botConfig({ ...IDENTITY, ChannelService: GovernmentConstants.ChannelService, ToChannelFromBotLoginUrl: login }),
    );
    assert.deepEqual(settings, {
      ...SDK_IDENTITY,
      ChannelService: GovernmentConstants.ChannelService,
      ToChannelFromBotLoginUrl: login,
      OAuthUrl: GovernmentConstants.OAuthUrl,
      ToBotFromChannelOpenIdMetadataUrl: GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
      ToBotFromChannelTokenIssuer: GovernmentConstants.ToBotFromChannelTokenIssuer,
      ToBotFromEmulatorOpenIdMetadataUrl: GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
      ToChannelFromBotOAuthScope: GovernmentConstants.ToChannelFromBotOAuthScope,
      CallerId: CallerIdConstants.USGovChannel,
      ValidateAuthority: true,
    });
  });

  it('with a cloud the SDK does not know (21Vianet) and every endpoint given: exactly those', () => {
    const china = {
      ChannelService: 'https://botframework.azure.cn',
      OAuthUrl: 'https://token.botframework.azure.cn',
      ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/72f988bf-86f1-41af-91ab-2d7cd011db47',
      ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
      ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
      ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
      ToBotFromEmulatorOpenIdMetadataUrl:
        'https://login.partner.microsoftonline.cn/a55a4d5b-9241-49b1-b4ff-befa8db00269/v2.0/.well-known/openid-configuration',
    };
    const settings = channelAuthenticationSettings(botConfig({ ...IDENTITY, ...china }));
    assert.deepEqual(settings, { ...SDK_IDENTITY, ...china, ValidateAuthority: true });
    assert.deepEqual(signingKeyMetadataUrls(settings), [china.ToBotFromChannelOpenIdMetadataUrl, china.ToBotFromEmulatorOpenIdMetadataUrl]);
  });

  it('names no caller id of a built-in cloud once the token issuer is another', () => {
    const settings = channelAuthenticationSettings(botConfig({ ...IDENTITY, ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn' }));
    assert.equal(settings.ToBotFromChannelTokenIssuer, 'https://api.botframework.azure.cn');
    assert.equal('CallerId' in settings, false);
  });

  it('keeps ValidateAuthority=false when given', () => {
    const login = 'https://login.example.test/72f988bf-86f1-41af-91ab-2d7cd011db47';
    const settings = channelAuthenticationSettings(botConfig({ ...IDENTITY, ToChannelFromBotLoginUrl: login, ValidateAuthority: 'false' }));
    assert.equal(settings.ValidateAuthority, false);
  });

  it('knows where each cloud publishes its signing keys', () => {
    assert.deepEqual(signingKeyMetadataUrls(channelAuthenticationSettings(botConfig(IDENTITY))), [
      AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
      AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ]);
    const government = channelAuthenticationSettings(botConfig({ ...IDENTITY, ChannelService: GovernmentConstants.ChannelService }));
    assert.deepEqual(signingKeyMetadataUrls(government), [
      GovernmentConstants.ToBotFromChannelOpenIdMetadataUrl,
      GovernmentConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    ]);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthenticationConstants, GovernmentConstants } from 'botframework-connector';
import { loadConfig, US_GOVERNMENT_CHANNEL_SERVICE } from '../../src/config';
import { configurationProblems } from './configuration-problems';

const BOT = {
  MicrosoftAppId: '0c9d1a2b-1111-4222-8333-444455556666',
  MicrosoftAppPassword: 'bot-secret',
  MicrosoftAppType: 'SingleTenant',
  MicrosoftAppTenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
};
const CHINA = {
  ChannelService: 'https://botframework.azure.cn',
  OAuthUrl: 'https://token.botframework.azure.cn/',
  ToChannelFromBotLoginUrl: 'https://login.partner.microsoftonline.cn/72f988bf-86f1-41af-91ab-2d7cd011db47',
  ToChannelFromBotOAuthScope: 'https://api.botframework.azure.cn',
  ToBotFromChannelTokenIssuer: 'https://api.botframework.azure.cn',
  ToBotFromChannelOpenIdMetadataUrl: 'https://login.botframework.azure.cn/v1/.well-known/openidconfiguration',
};

const problemsOf = (env: NodeJS.ProcessEnv) => configurationProblems(() => loadConfig(env));

describe('Bot Framework channel settings (national clouds)', () => {
  it('holds nothing when nothing is set, so the SDK keeps its own public-cloud endpoints', () => {
    assert.deepEqual(loadConfig(BOT).bot.channel, {});
    assert.deepEqual(loadConfig({ ...BOT, OAuthUrl: '', ChannelService: '', ValidateAuthority: '' }).bot.channel, {});
  });

  it('knows US Government by the ChannelService value the SDK ships', () => {
    assert.equal(US_GOVERNMENT_CHANNEL_SERVICE, GovernmentConstants.ChannelService);
    assert.deepEqual(loadConfig({ ...BOT, ChannelService: 'https://botframework.azure.us/' }).bot.channel, {
      ChannelService: 'https://botframework.azure.us',
    });
  });

  it('takes every endpoint under the SDK\'s own names, issuers and scopes exactly as given', () => {
    const channel = loadConfig({ ...BOT, ...CHINA, ValidateAuthority: 'TRUE', ToBotFromChannelTokenIssuer: 'https://sts.example.cn/' }).bot.channel;
    assert.deepEqual(channel, {
      ChannelService: 'https://botframework.azure.cn',
      OAuthUrl: 'https://token.botframework.azure.cn',
      ToChannelFromBotLoginUrl: CHINA.ToChannelFromBotLoginUrl,
      ToChannelFromBotOAuthScope: CHINA.ToChannelFromBotOAuthScope,
      ToBotFromChannelTokenIssuer: 'https://sts.example.cn/',
      ToBotFromChannelOpenIdMetadataUrl: CHINA.ToBotFromChannelOpenIdMetadataUrl,
      ValidateAuthority: true,
    });
  });

  it('refuses a ChannelService the SDK has no endpoints for unless every endpoint is given, naming the missing ones', () => {
    const problems = problemsOf({ ...BOT, ChannelService: CHINA.ChannelService, OAuthUrl: CHINA.OAuthUrl });
    assert.equal(problems.length, 1);
    assert.match(problems[0]!, /^ChannelService: https:\/\/botframework\.azure\.cn /);
    assert.match(
      problems[0]!,
      /also set ToBotFromChannelOpenIdMetadataUrl, ToBotFromChannelTokenIssuer, ToChannelFromBotLoginUrl, ToChannelFromBotOAuthScope \(/,
    );
  });

  it('accepts BOT_OAUTH_URL as the earlier name of OAuthUrl, and refuses the two disagreeing', () => {
    assert.equal(loadConfig({ ...BOT, BOT_OAUTH_URL: 'https://europe.token.botframework.com' }).bot.channel.OAuthUrl, 'https://europe.token.botframework.com');
    const same = { BOT_OAUTH_URL: 'https://europe.token.botframework.com/', OAuthUrl: 'https://europe.token.botframework.com' };
    assert.equal(loadConfig({ ...BOT, ...same }).bot.channel.OAuthUrl, 'https://europe.token.botframework.com');
    const problems = problemsOf({ ...BOT, BOT_OAUTH_URL: 'https://europe.token.botframework.com', OAuthUrl: 'https://token.botframework.com' });
    assert.deepEqual(problems, ['BOT_OAUTH_URL: differs from OAuthUrl; BOT_OAUTH_URL is the earlier name of OAuthUrl, set only one']);
  });

  it('checks each setting\'s shape', () => {
    const problems = problemsOf({
      ...BOT,
      ChannelService: 'botframework.azure.us',
      ToBotFromChannelOpenIdMetadataUrl: 'http://login.botframework.com/v1/.well-known/openidconfiguration',
      ToBotFromChannelTokenIssuer: 'api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.us',
      ToChannelFromBotOAuthScope: '   ',
      OAuthUrl: 'http://token.example.com',
      ValidateAuthority: 'maybe',
    });
    const named = problems.map((problem) => problem.split(':')[0]).sort();
    assert.deepEqual(named, [
      'ChannelService',
      'OAuthUrl',
      'ToBotFromChannelOpenIdMetadataUrl',
      'ToBotFromChannelTokenIssuer',
      'ToChannelFromBotLoginUrl',
      'ToChannelFromBotOAuthScope',
      'ValidateAuthority',
    ]);
    assert.ok(problems.some((problem) => /ToChannelFromBotLoginUrl: .*tenant/.test(problem)), 'the login URL needs its tenant');
  });

  it('documents each setting in .env.example, with a comment above it, and in the README\'s National clouds', () => {
    const root = join(__dirname, '..', '..');
    const lines = readFileSync(join(root, '.env.example'), 'utf8').split('\n');
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const nationalClouds = readme.slice(readme.indexOf('### National clouds'));
    const names = ['ChannelService', 'ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToBotFromEmulatorOpenIdMetadataUrl'];
    names.push('ToChannelFromBotLoginUrl', 'ToChannelFromBotOAuthScope', 'OAuthUrl', 'ValidateAuthority', 'BOT_OAUTH_URL');
    for (const name of names) {
      const at = lines.findIndex((line) => line === `${name}=`);
      assert.ok(at > 0, `${name}= (empty) in .env.example`);
      assert.match(lines[at - 1]!, /^# \S/, `${name} has a comment`);
      assert.ok(nationalClouds.includes(`\`${name}\``), `${name} in the README`);
    }
  });

  it('gives in the README the public and US Government values the SDK itself uses', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const names = ['ToBotFromChannelOpenIdMetadataUrl', 'ToBotFromChannelTokenIssuer', 'ToChannelFromBotLoginUrl'] as const;
    const all = [...names, 'ToChannelFromBotOAuthScope', 'OAuthUrl', 'ToBotFromEmulatorOpenIdMetadataUrl'] as const;
    for (const name of all) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `a row for ${name}`);
      const [publicValue, government] = row.split('|').slice(2, 4).map((cell) => cell.trim());
      assert.equal(publicValue, `\`${AuthenticationConstants[name]}\``, `${name}, public`);
      assert.equal(government, `\`${GovernmentConstants[name]}\``, `${name}, US Government`);
    }
  });
});
